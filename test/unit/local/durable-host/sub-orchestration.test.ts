import { EventType } from "../../../../local/durable-host";
import { historyOf, startHost, summarize } from "./fixtures/host-fixture";

describe("sub-orchestrations", () => {
  it("runs children with their instance ids and returns their outputs", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("parent", { instanceId: "p1", input: false });
      await host.runUntilIdle();
      expect(JSON.parse(host.instance("p1")?.output ?? "null")).toEqual({
        ok: { doubled: 42, parent: "p1" },
        second: "succeeded",
      });
      const created = historyOf(host, "p1").filter(
        (e) => e.EventType === EventType.SubOrchestrationInstanceCreated,
      );
      expect(created.map((e) => [e.EventId, e.Name, e.InstanceId])).toEqual([
        [0, "child", "p1-child"],
        [1, "child", "p1:1"],
      ]);
      expect(host.instance("p1-child")?.status).toBe("Completed");
      expect(host.instance("p1-child")?.parent?.instanceId).toBe("p1");
      expect(host.instance("p1:1")?.status).toBe("Completed");
    } finally {
      await host.stop();
    }
  });

  it("propagates a child's failure to the parent as a catchable error", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("parent", { instanceId: "p2", input: true });
      await host.runUntilIdle();
      expect(host.instance("p2:1")?.status).toBe("Failed");
      const output = JSON.parse(host.instance("p2")?.output ?? "null") as { second: string };
      expect(output.second).toContain("child p2:1 refused");
      expect(summarize(historyOf(host, "p2"), [EventType.SubOrchestrationInstanceFailed])).toEqual([
        "SubOrchestrationInstanceFailed->1",
      ]);
    } finally {
      await host.stop();
    }
  });
});
