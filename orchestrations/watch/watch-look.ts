import type { OrchestrationContext, Task } from "durable-functions";
import { Activities, type EvaluateWatchResult } from "../activity-contracts";
import { callActivity } from "../wave/call-activity";

/**
 * One look of the watch at the waves below `throughWave`, after their sign-ins have been read;
 * the users it holds back leave the enforced group in the same activity. (During a later wave's
 * bake the health gate's activity takes the look itself: evaluate-health.ts.)
 */
export function* watchLook(
  context: OrchestrationContext,
  rolloutId: string,
  throughWave: number,
  actor: string,
): Generator<Task, EvaluateWatchResult, unknown> {
  return yield* callActivity(context, Activities.evaluateWatch, {
    rolloutId,
    at: context.df.currentUtcDateTime.toISOString(),
    throughWave,
    actor,
  });
}
