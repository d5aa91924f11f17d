import { EventType } from "../../../../local/durable-host";
import { at, historyOf, startHost, summarize } from "./fixtures/host-fixture";

describe("Task.all and Task.any", () => {
  it("Task.all schedules every child depth-first with its own id and returns results in order", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("fanOut", { instanceId: "f1", input: [1, 2, 3] });
      await host.runUntilIdle();
      expect(JSON.parse(host.instance("f1")?.output ?? "null")).toEqual([2, 4, 6]);
      expect(summarize(historyOf(host, "f1"), [EventType.TaskScheduled, EventType.TaskCompleted])).toEqual([
        "TaskScheduled#0 double",
        "TaskScheduled#1 double",
        "TaskScheduled#2 double",
        "TaskCompleted->0",
        "TaskCompleted->1",
        "TaskCompleted->2",
      ]);
    } finally {
      await host.stop();
    }
  });

  it("Task.any resolves with the timer when no event arrives in time", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("raceEventTimer", { instanceId: "a1" });
      await host.advanceBy(2 * 3600_000);
      expect(JSON.parse(host.instance("a1")?.output ?? "null")).toEqual({ winner: "timer", at: at(3600_000) });
    } finally {
      await host.stop();
    }
  });

  it("Task.any resolves with the event and the cancelled timer no longer moves the clock", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("raceEventTimer", { instanceId: "a2" });
      await host.runUntilIdle();
      await host.advanceBy(60_000);
      await host.client.raiseEvent("a2", "answer", 42);
      await host.runUntilIdle();
      const state = host.instance("a2");
      expect(JSON.parse(state?.output ?? "null")).toEqual({ winner: "event", value: 42 });
      expect(state?.inbox).toEqual([]);
      expect(summarize(historyOf(host, "a2"), [EventType.TimerCreated, EventType.TimerFired, EventType.EventRaised])).toEqual([
        "TimerCreated#0",
        "EventRaised answer",
      ]);
    } finally {
      await host.stop();
    }
  });
});
