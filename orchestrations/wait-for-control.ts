import type { OrchestrationContext, Task } from "durable-functions";
import type { ControlEventData, ControlEventName } from "./control-events";

export type Wakeup = { kind: "timer" } | { kind: "event"; name: ControlEventName; data: ControlEventData };

/**
 * Waits for the first of a durable timer (when `until` is given) and the named control events.
 * The losing timer is cancelled: an orchestration with an open timer cannot complete.
 */
export function* waitForControl(
  context: OrchestrationContext,
  names: readonly ControlEventName[],
  until?: Date,
): Generator<Task, Wakeup, unknown> {
  const waits = names.map((name) => context.df.waitForExternalEvent(name));
  const timer = until ? context.df.createTimer(until) : undefined;
  const winner = (yield context.df.Task.any(timer ? [...waits, timer] : waits)) as Task;
  if (timer && winner === timer) return { kind: "timer" };
  if (timer && !timer.isCompleted) timer.cancel();
  const index = waits.indexOf(winner);
  const name = names[index];
  if (name === undefined) throw new Error("a control wait completed that was not one of ours");
  return { kind: "event", name, data: (winner.result ?? { actor: "unknown" }) as ControlEventData };
}
