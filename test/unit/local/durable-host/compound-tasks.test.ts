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

  it("a cancelled short timer still fires, as in DurableTask.Core, and changes nothing", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("approveThenPause", { instanceId: "st", input: 2 });
      await host.runUntilIdle();
      await host.advanceBy(60_000);
      await host.client.raiseEvent("st", "approve", true);
      await host.advanceBy(5 * 24 * 3600_000);
      expect(JSON.parse(host.instance("st")?.output ?? "null")).toEqual({
        echoed: "after the pause",
        at: at(60_000 + 4 * 24 * 3600_000),
      });
      // The 2-day timer lost to the event at minute one; its TimerFired still came on day two.
      expect(summarize(historyOf(host, "st"), [EventType.TimerCreated, EventType.TimerFired])).toEqual([
        "TimerCreated#0",
        "TimerCreated#1",
        "TimerFired->0",
        "TimerFired->1",
      ]);
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

  // Modelled on extension v3.x OutOfProcOrchestrationShim (CreateTimer, then cts.Cancel() on every
  // replay) and DurableOrchestrationContext.CreateTimer (the chunk loop stops at the cancelled
  // token after the first chunk), and on durable-functions 3.5.0 LongTimerTask.
  it("a long timer cancelled after its first chunk fired fails the instance as non-deterministic", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("approvalOrTimeout", { instanceId: "ao1", input: 14 });
      await host.advanceBy(4 * DAY); // past the first 3-day chunk: the second one is scheduled
      await host.client.raiseEvent("ao1", "approve", true);
      await host.runUntilIdle();
      expect(host.instance("ao1")?.status).toBe("Failed");
      expect(host.instance("ao1")?.failure?.message).toMatch(
        /^Non-Deterministic workflow detected: .*timer task with sequence ID 1 /,
      );
    } finally {
      await host.stop();
    }
  });

  it("a long timer cancelled before its first chunk fired leaves the instance hanging", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("approveThenPause", { instanceId: "ao3", input: 14 });
      await host.advanceBy(DAY);
      await host.client.raiseEvent("ao3", "approve", true);
      await host.advanceBy(30 * DAY);
      // The stray chunk fired on day 3 and the SDK gave the next chunk id 2, the id the extension
      // gave the echo activity: the echo's result goes to the stray chunk and the orchestrator
      // waits for ever. The extension cannot tell; neither can the host.
      const state = host.instance("ao3");
      expect(state?.status).toBe("Running");
      expect(state?.output).toBeUndefined();
      expect(summarize(historyOf(host, "ao3"), [EventType.TaskScheduled, EventType.TaskCompleted])).toEqual([
        "TaskScheduled#2 echo",
        "TaskCompleted->2",
      ]);
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
