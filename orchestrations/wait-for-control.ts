import type { OrchestrationContext, Task } from "durable-functions";
import { controlInbox, type Wakeup } from "./control-inbox";
import type { ControlEventName } from "#shared/domain";

export type { Wakeup } from "./control-inbox";

/**
 * Waits for the first of the named control events, or until `until` when given. Events come
 * from the execution's inbox, which keeps every event received meanwhile (see ControlInbox).
 */
export function waitForControl(
  context: OrchestrationContext,
  names: readonly ControlEventName[],
  until?: Date,
): Generator<Task, Wakeup, unknown> {
  return controlInbox(context).wait(names, until);
}
