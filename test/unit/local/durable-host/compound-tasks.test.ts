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
      expect(JSON.parse(host.instance("a1")?.output ?? "null")).toEqual({
        winner: "timer",
        at: at(3600_000),
      });
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
      expect(
        summarize(historyOf(host, "a2"), [
          EventType.TimerCreated,
          EventType.TimerFired,
          EventType.EventRaised,
        ]),
      ).toEqual(["TimerCreated#0", "EventRaised answer"]);
    } finally {
      await host.stop();
    }
  });
});

describe("compound tasks with tasks that take ids as they progress", () => {
  const DAY = 24 * 3600_000;

  it("retries inside Task.all take the ids the SDK expects, in event order", async () => {
    const host = await startHost({ activityConcurrency: 3 });
    try {
      host.faults.failActivity("flaky", 2); // the first two attempts (a and b) fail once
      await host.client.startNew("retryFanOut", { instanceId: "rf" });
      await host.advanceBy(60_000);
      expect(JSON.parse(host.instance("rf")?.output ?? "null")).toEqual({
        results: ["ok:a", "ok:b", "ok:c"],
        after: 6,
      });
      const history = historyOf(host, "rf");
      const scheduled = history.filter(
        (e) => e.EventType === EventType.TaskScheduled || e.EventType === EventType.TimerCreated,
      );
      expect(scheduled.map((e) => e.EventId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(
        history.find((e) => e.EventType === EventType.TaskScheduled && e.Name === "double")?.EventId,
      ).toBe(7);
    } finally {
      await host.stop();
    }
  });

  it("a long timeout timer racing an event can be won by the event and cancelled", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("approvalOrTimeout", { instanceId: "ao1", input: 14 });
      await host.advanceBy(4 * DAY); // past the first 3-day chunk
      await host.client.raiseEvent("ao1", "approve", true);
      await host.runUntilIdle();
      expect(JSON.parse(host.instance("ao1")?.output ?? "null")).toEqual({
        echoed: "approved",
        at: at(4 * DAY),
      });
      expect(host.instance("ao1")?.inbox).toEqual([]);
      // the echo took the id after the two chunks created so far
      expect(historyOf(host, "ao1").find((e) => e.EventType === EventType.TaskScheduled)?.EventId).toBe(2);
    } finally {
      await host.stop();
    }
  });

  it("a long timeout timer wins at exactly its time when no event comes", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("approvalOrTimeout", { instanceId: "ao2", input: 14 });
      await host.advanceBy(30 * DAY);
      expect(JSON.parse(host.instance("ao2")?.output ?? "null")).toEqual({
        echoed: "timed out",
        at: at(14 * DAY),
      });
    } finally {
      await host.stop();
    }
  });
});
