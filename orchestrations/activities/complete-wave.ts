import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type WaveOutcome, type WaveResult, type WaveStepInput } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";
import { refreshCounts, refreshWaveCounts } from "../../shared/store/rollout-facts";

export async function completeWave(
  input: WaveStepInput & { outcome: WaveOutcome; reason: string },
): Promise<WaveResult> {
  const { store } = await dependencies();
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

registerActivity(Activities.completeWave, completeWave);
