import type { OrchestrationContext, Task } from "durable-functions";
import { Activities, type EvaluateWatchResult, type WaveStepInput } from "../activity-contracts";
import { callActivity } from "../wave/call-activity";

/**
 * One look of the watch at the waves below `throughWave`, after their sign-ins have been read:
 * the users it holds back leave the enforced group at once, wave by wave, as a bake's shrink does.
 */
export function* watchLook(
  context: OrchestrationContext,
  rolloutId: string,
  throughWave: number,
  actor: string,
): Generator<Task, EvaluateWatchResult, unknown> {
  const at = context.df.currentUtcDateTime.toISOString();
  const look = (yield callActivity(context, Activities.evaluateWatch, {
    rolloutId,
    at,
    throughWave,
    actor,
  })) as EvaluateWatchResult;
  for (const waveIndex of look.heldBackWaves) {
    const step: WaveStepInput = { rolloutId, waveIndex, at, actor };
    yield callActivity(context, Activities.releaseHeldBack, step);
  }
  return look;
}
