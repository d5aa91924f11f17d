import { ActionType, type WireAction } from "../../../../local/durable-host/actions";
import { checkDeterminism } from "../../../../local/durable-host/nondeterminism";
import { EventType, historyEvent } from "../../../../local/durable-host/history-events";
import type { HostTask } from "../../../../local/durable-host/instance-state";

const now = new Date("2026-01-05T09:00:00Z");
const history = [
  historyEvent(EventType.TaskScheduled, now, { EventId: 0, Name: "fetch" }),
  historyEvent(EventType.TimerCreated, now, { EventId: 1, FireAt: now.toISOString() }),
];
const recorded: HostTask[] = [
  { kind: "activity", name: "fetch", id: 0, done: true },
  { kind: "timer", id: 1, fireAt: now.toISOString(), done: false },
  { kind: "event", name: "approve" },
];
const activity = (name: string): WireAction => ({ actionType: ActionType.CallActivity, functionName: name });
const timer: WireAction = { actionType: ActionType.CreateTimer, fireAt: now };
const waitFor = (name: string): WireAction => ({
  actionType: ActionType.WaitForExternalEvent,
  externalEventName: name,
});

describe("checkDeterminism", () => {
  it("accepts the same actions, plus new ones after the recorded ones", () => {
    expect(
      checkDeterminism(history, recorded, [activity("fetch"), timer, waitFor("approve"), activity("next")]),
    ).toBeUndefined();
  });

  it("names the id, the recorded event and the issued action on a type change", () => {
    expect(checkDeterminism(history, recorded, [activity("fetch"), activity("fetch")])).toBe(
      "Non-deterministic orchestration detected at sequence id 1: the history expects TimerCreated " +
        "but the orchestrator issued CallActivity 'fetch'",
    );
  });

  it("compares event names for waits, which take no id", () => {
    expect(checkDeterminism(history, recorded, [activity("fetch"), timer, waitFor("reject")])).toBe(
      "Non-deterministic orchestration detected at action #2: the history expects WaitForExternalEvent 'approve' " +
        "but the orchestrator issued WaitForExternalEvent 'reject'",
    );
  });

  it("reports an action the orchestrator no longer issues", () => {
    expect(checkDeterminism(history, recorded, [activity("fetch")])).toContain(
      "at sequence id 1: the history expects TimerCreated but the orchestrator no longer issued any action there",
    );
  });
});
