import { EventType } from "../../../../local/durable-host";
import { historyOf, startHost, summarize } from "./fixtures/host-fixture";

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
      expect(JSON.parse(state?.output ?? "null")).toEqual({ first: "before-wait", approval: { by: "early" } });
      expect(summarize(historyOf(host, "e1"), [EventType.TaskScheduled, EventType.EventRaised, EventType.TaskCompleted])).toEqual([
        "TaskScheduled#0 echo",
        "EventRaised approve",
        "TaskCompleted->0",
      ]);
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
