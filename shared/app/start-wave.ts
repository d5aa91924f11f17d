import { isoDurationMs } from "../domain";
import type { AppPorts } from "./ports";
import type { WaveStep } from "./wave-step";
import { gatesOf, loadRollout, refreshWaveCounts } from "../store/rollout-facts";

export interface StartWaveResult {
  waveName: string;
  users: number;
  observeFrom: string;
  observeUntil: string;
  bakeFor: string;
  healthCheckEvery: string;
  maxExtensions: number;
  extendBy: string;
  requireApproval: boolean;
  /** The plan's schedule, so a stale `advance` can be checked against the window deterministically. */
  schedule: unknown;
}

/**
 * Opens a wave. Its users have been under the report-only policy since the rollout started, so
 * the observation window reaches back as far as that allows: a later wave is often ready at once,
 * and nobody is enforced before a full window of evidence.
 */
export async function startWave(
  { store }: Pick<AppPorts, "store">,
  input: WaveStep & { reportOnlySince: string },
): Promise<StartWaveResult> {
  const facts = await loadRollout(store, input.rolloutId);
  const wave = facts.plan.waves[input.waveIndex];
  if (!wave) throw new Error(`rollout ${input.rolloutId} has no wave ${input.waveIndex}`);
  const gates = gatesOf(facts, input.waveIndex);
  const at = new Date(input.at).getTime();
  const since = new Date(input.reportOnlySince).getTime();
  const observeMs = isoDurationMs(wave.observeFor);
  const observeFrom = new Date(Math.max(since, at - observeMs)).toISOString();
  const observeUntil = new Date(Math.max(at, since + observeMs)).toISOString();

  await store.waves.update(input.rolloutId, input.waveIndex, () => ({
    phase: "observe",
    observeStartedAt: observeFrom,
    observeEndsAt: observeUntil,
  }));
  await store.rollouts.update(input.rolloutId, () => ({ currentWave: input.waveIndex }));
  await refreshWaveCounts(store, input.rolloutId, input.waveIndex);
  const users = await store.users.countByStage(input.rolloutId, { waveIndex: input.waveIndex });
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: input.actor,
    action: "wave:start",
    waveIndex: input.waveIndex,
    details: { wave: wave.name, users: users.reportOnly, observeFrom, observeUntil },
    idempotencyKey: `w${input.waveIndex}-start`,
  });
  return {
    waveName: wave.name,
    users: users.reportOnly,
    observeFrom,
    observeUntil,
    bakeFor: wave.bakeFor,
    healthCheckEvery: gates.health.checkEvery,
    maxExtensions: gates.health.maxExtensions,
    extendBy: gates.health.extendBy,
    requireApproval: wave.requireApproval,
    schedule: facts.plan.schedule,
  };
}
