import type { Task } from "durable-functions";
import { Activities, type Actor, type RolloutStatus, type SetStatusInput } from "../activity-contracts";
import { nowIso, stepKey, type WaveContext } from "./wave-context";
import { callActivity } from "./call-activity";
import type { NotificationKind } from "#shared/notify";

export function* setStatus(
  wc: WaveContext,
  status: RolloutStatus,
  reason: string,
  actor: Actor,
  notify?: NotificationKind,
): Generator<Task, void, unknown> {
  const input: SetStatusInput = {
    rolloutId: wc.input.rolloutId,
    status,
    reason,
    actor,
    at: nowIso(wc.context),
    idempotencyKey: stepKey(wc, `status-${status}`),
    activeWaveInstanceId: wc.instanceId,
    ...(notify ? { notify } : {}),
  };
  wc.context.df.setCustomStatus({ status, wave: wc.input.waveIndex, reason });
  yield* callActivity(wc.context, Activities.setRolloutStatus, input);
}
