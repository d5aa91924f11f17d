import { ActionType, actionLabel, type WireAction } from "./actions";
import { EventType, eventTypeName, SCHEDULING_EVENT_TYPES, type HistoryEvent } from "./history-events";
import type { HostTask } from "./instance-state";

const EXPECTED_ACTIONS: Record<HostTask["kind"], ActionType[]> = {
  activity: [ActionType.CallActivity],
  activityRetry: [ActionType.CallActivityWithRetry],
  subOrchestration: [ActionType.CallSubOrchestrator],
  subOrchestrationRetry: [ActionType.CallSubOrchestratorWithRetry],
  timer: [ActionType.CreateTimer],
  longTimer: [ActionType.CreateTimer],
  event: [ActionType.WaitForExternalEvent],
  continueAsNew: [ActionType.ContinueAsNew],
};

function firstId(task: HostTask): number | undefined {
  switch (task.kind) {
    case "activity":
    case "timer":
    case "subOrchestration":
      return task.id;
    case "activityRetry":
    case "subOrchestrationRetry":
    case "longTimer":
      return task.ids[0];
    default:
      return undefined;
  }
}

type SchedulingIndex = Map<number, HistoryEvent>;

function indexScheduling(history: HistoryEvent[]): SchedulingIndex {
  const index: SchedulingIndex = new Map();
  for (const event of history) {
    if (event.EventId >= 0 && SCHEDULING_EVENT_TYPES.includes(event.EventType))
      index.set(event.EventId, event);
  }
  return index;
}

function describeRecorded(task: HostTask, history: SchedulingIndex): string {
  const id = firstId(task);
  if (id === undefined) {
    return task.kind === "event" ? `WaitForExternalEvent '${task.name}'` : "ContinueAsNew";
  }
  const event = history.get(id);
  if (!event) return `${task.kind} (no scheduling event in history)`;
  const retry = task.kind === "activityRetry" || task.kind === "subOrchestrationRetry" ? " (with retry)" : "";
  return event.Name === undefined
    ? eventTypeName(event.EventType)
    : `${eventTypeName(event.EventType)} '${event.Name}'${retry}`;
}

function matches(task: HostTask, action: WireAction, history: SchedulingIndex): boolean {
  if (!EXPECTED_ACTIONS[task.kind].includes(action.actionType)) return false;
  if (task.kind === "event") return task.name === action.externalEventName;
  const id = firstId(task);
  if (id === undefined) return true;
  const event = history.get(id);
  if (!event) return false;
  if (event.EventType === EventType.TimerCreated) return true;
  return event.Name === action.functionName;
}

/**
 * The check the extension does and the SDK does not: every re-issued action must have the type
 * and name the history recorded at its sequence id. Returns the failure message, if any.
 */
export function checkDeterminism(
  history: HistoryEvent[],
  recorded: HostTask[],
  actions: WireAction[],
): string | undefined {
  const index = indexScheduling(history);
  for (let i = 0; i < recorded.length; i++) {
    const task = recorded[i] as HostTask;
    const action = actions[i];
    const id = firstId(task);
    const where = id === undefined ? `action #${i}` : `sequence id ${id}`;
    if (!action) {
      return (
        `Non-deterministic orchestration detected at ${where}: the history expects ` +
        `${describeRecorded(task, index)} but the orchestrator no longer issued any action there`
      );
    }
    if (!matches(task, action, index)) {
      return (
        `Non-deterministic orchestration detected at ${where}: the history expects ` +
        `${describeRecorded(task, index)} but the orchestrator issued ${actionLabel(action)}`
      );
    }
  }
  return undefined;
}
