import type { AppPorts } from "./ports";
import type { WaveStep } from "./wave-step";
import { refreshCounts, refreshWaveCounts } from "../store/rollout-facts";

export type WaveOutcome = "completed" | "aborted" | "steppedBack";

/** How a wave ended and where its users stand. */
export interface WaveCompletion {
  outcome: WaveOutcome;
  enforced: number;
  heldBack: number;
}

/** The wave's last row: its final counts and phase, and the audit row that says how it ended. */
export async function completeWave(
  { store }: Pick<AppPorts, "store">,
  input: WaveStep & { outcome: WaveOutcome; reason: string },
): Promise<WaveCompletion> {
  await refreshWaveCounts(store, input.rolloutId, input.waveIndex);
  await refreshCounts(store, input.rolloutId);
  const wave = await store.waves.update(input.rolloutId, input.waveIndex, () => ({
    phase: input.outcome,
    bakeEndsAt: input.at,
  }));
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: input.actor,
    action: `wave:${input.outcome}`,
    waveIndex: input.waveIndex,
    details: { reason: input.reason, enforced: wave.enforced, heldBack: wave.heldBack },
    idempotencyKey: `w${input.waveIndex}-complete`,
  });
  return { outcome: input.outcome, enforced: wave.enforced, heldBack: wave.heldBack };
}
