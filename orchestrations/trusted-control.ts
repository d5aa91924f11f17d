import type { OrchestrationContext, Task } from "durable-functions";
import { Activities } from "./activity-contracts";
import { ControlEvents, type ControlEventName } from "#shared/domain";
import { waitForControl, type Wakeup } from "./wait-for-control";
import { callActivity } from "./wave/call-activity";

/** `advance` names no one and carries no authority: the orchestrator re-checks the window itself. */
export const ADVANCE_ACTOR = "system:advance-waves";

/**
 * waitForControl for events that may come from anyone who can reach the Durable extension: an
 * admin's event is acted on only once an activity has found the app's `request:<action>` audit
 * row it names (orchestrators cannot read storage themselves), and its actor and reason come from
 * that row. A refused event is audited by the activity and the wait goes on, timer and all.
 */
export function* waitForTrustedControl(
  context: OrchestrationContext,
  rolloutId: string,
  names: readonly ControlEventName[],
  until?: Date,
): Generator<Task, Wakeup, unknown> {
  for (;;) {
    const wake = yield* waitForControl(context, names, until);
    if (wake.kind === "timer") return wake;
    if (wake.name === ControlEvents.advance) {
      return { kind: "event", name: wake.name, data: { actor: ADVANCE_ACTOR } };
    }
    const verified = yield* callActivity(context, Activities.verifyControlRequest, {
      rolloutId,
      event: wake.name,
      raised: wake.data as unknown,
      waitId: context.df.newGuid(context.df.instanceId),
      at: context.df.currentUtcDateTime.toISOString(),
    });
    if (verified.ok) return { kind: "event", name: wake.name, data: verified.data };
  }
}
