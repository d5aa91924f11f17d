import type { StatusStore } from "../store";
import type { AuditInput } from "../store/records";
import { refreshCounts, refreshWaveCounts } from "../store/rollout-facts";
import type { WaveStep } from "./wave-step";

/**
 * The tail of every step that moves a wave's users: the wave's and the rollout's per-stage counts
 * brought in step with the users table, then the step's audit row, keyed so a retried activity
 * writes it once.
 */
export async function refreshAndAudit(
  store: StatusStore,
  step: WaveStep,
  entry: { action: string; details: Record<string, unknown>; idempotencyKey: string },
): Promise<void> {
  await refreshWaveCounts(store, step.rolloutId, step.waveIndex);
  await refreshCounts(store, step.rolloutId);
  const row: AuditInput = { at: step.at, actor: step.actor, waveIndex: step.waveIndex, ...entry };
  await store.audit.append(step.rolloutId, row);
}
