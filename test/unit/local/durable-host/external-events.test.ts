import { EventType } from "../../../../local/durable-host";
import { at, historyOf, startHost, summarize } from "./fixtures/host-fixture";

describe("external events", () => {
  it("consumes an event raised before the orchestrator waits for it", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("eventAfterActivity", { instanceId: "e1" });
      // raised while the orchestrator has not yet asked for it (the activity is still pending)
      expect(await host.client.raiseEvent("e1", "approve", { by: "early" })).toBe(202);
      await host.runUntilIdle();
      const state = host.instance("e1");
      expect(state?.status).toBe("Completed");
      expect(JSON.parse(state?.output ?? "null")).toEqual({
        first: "before-wait",
        approval: { by: "early" },
      });
      expect(
        summarize(historyOf(host, "e1"), [
          EventType.TaskScheduled,
          EventType.EventRaised,
          EventType.TaskCompleted,
        ]),
      ).toEqual(["EventRaised approve", "TaskScheduled#0 echo", "TaskCompleted->0"]);
    } finally {
      await host.stop();
    }
  });

  it("buffers an event that arrives in an earlier episode, while the orchestrator waits on a timer", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("timerThenEvent", { instanceId: "e3" });
      await host.advanceBy(30 * 60_000);
      await host.client.raiseEvent("e3", "approve", "early bird");
      await host.advanceBy(10 * 60_000);
      expect(host.instance("e3")?.status).toBe("Running");
      await host.advanceBy(60 * 60_000);
      expect(JSON.parse(host.instance("e3")?.output ?? "null")).toEqual({
        value: "early bird",
        at: at(3600_000),
      });
      expect(
        summarize(historyOf(host, "e3"), [
          EventType.TimerCreated,
          EventType.EventRaised,
          EventType.TimerFired,
        ]),
      ).toEqual(["TimerCreated#0", "EventRaised approve", "TimerFired->0"]);
    } finally {
      await host.stop();
    }
  });

  it("answers 404 for an unknown instance and 410 once it has finished", async () => {
    const host = await startHost();
    try {
      expect(await host.client.raiseEvent("nobody", "approve", 1)).toBe(404);
      await host.client.startNew("eventAfterActivity", { instanceId: "e2" });
      await host.client.raiseEvent("e2", "approve", 1);
      await host.runUntilIdle();
      expect(host.instance("e2")?.status).toBe("Completed");
      expect(await host.client.raiseEvent("e2", "approve", 2)).toBe(410);
    } finally {
      await host.stop();
    }
  });
});
