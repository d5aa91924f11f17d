import { EventType } from "../../../../local/durable-host";
import { historyOf, startHost, summarize } from "./fixtures/host-fixture";

describe("continueAsNew", () => {
  it("keeps the instance id, starts a fresh history and drops events the old execution never consumed", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("counter", { instanceId: "c1", input: { n: 1, seen: [] } });
      // delivered to the first execution, which never waits for it
      await host.client.raiseEvent("c1", "late", "too-early");
      await host.runUntilIdle();
      const state = host.instance("c1");
      expect(state?.instanceId).toBe("c1");
      expect(state?.status).toBe("Running");
      const history = historyOf(host, "c1");
      const started = history.filter((e) => e.EventType === EventType.ExecutionStarted);
      expect(started.map((e) => JSON.parse(e.Input ?? "null"))).toEqual([{ n: 3, seen: [2, 4] }]);
      expect(summarize(history, [EventType.TaskScheduled])).toEqual(["TaskScheduled#0 double"]);
      expect(history.some((e) => e.EventType === EventType.EventRaised)).toBe(false);

      await host.client.raiseEvent("c1", "late", "on-time");
      await host.runUntilIdle();
      expect(JSON.parse(host.instance("c1")?.output ?? "null")).toEqual({
        n: 3,
        value: 6,
        seen: [2, 4, "on-time"],
      });
      expect(host.activityExecutions("double")).toBe(3);
    } finally {
      await host.stop();
    }
  });
});
