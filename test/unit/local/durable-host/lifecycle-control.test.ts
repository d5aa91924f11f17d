import { EventType } from "../../../../local/durable-host";
import { historyOf, startHost, summarize } from "./fixtures/host-fixture";

describe("terminate, suspend and resume", () => {
  it("terminates a running instance with the reason as output; later operations answer 410", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("waitForever", { instanceId: "w1" });
      await host.runUntilIdle();
      expect(await host.client.terminate("w1", "operator said so")).toBe(202);
      await host.runUntilIdle();
      const status = await host.client.getStatus("w1");
      expect(status?.runtimeStatus).toBe("Terminated");
      expect(status?.output).toBe("operator said so");
      expect(summarize(historyOf(host, "w1")).at(-1)).toBe("ExecutionTerminated");
      expect(await host.client.terminate("w1")).toBe(410);
      expect(await host.client.raiseEvent("w1", "go", 1)).toBe(410);
      expect(await host.client.terminate("missing")).toBe(404);
    } finally {
      await host.stop();
    }
  });

  it("holds events while suspended and delivers them after resume", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("waitForever", { instanceId: "w2" });
      await host.runUntilIdle();
      expect(await host.client.suspend("w2", "maintenance")).toBe(202);
      await host.runUntilIdle();
      expect((await host.client.getStatus("w2"))?.runtimeStatus).toBe("Suspended");
      await host.client.raiseEvent("w2", "go", "held");
      await host.advanceBy(3600_000);
      expect((await host.client.getStatus("w2"))?.runtimeStatus).toBe("Suspended");
      expect(host.activityExecutions("echo")).toBe(0);
      expect(await host.client.resume("w2", "done")).toBe(202);
      await host.runUntilIdle();
      const status = await host.client.getStatus("w2");
      expect(status?.runtimeStatus).toBe("Completed");
      expect(status?.output).toBe("held");
      expect(
        summarize(historyOf(host, "w2"), [
          EventType.ExecutionSuspended,
          EventType.ExecutionResumed,
          EventType.EventRaised,
        ]),
      ).toEqual(["ExecutionSuspended", "ExecutionResumed", "EventRaised go"]);
    } finally {
      await host.stop();
    }
  });
});

describe("custom status", () => {
  it("is visible in the status while running and fails the instance above 16 KB", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("bigStatus", { instanceId: "small", input: 100 });
      await host.client.startNew("bigStatus", { instanceId: "large", input: 17_000 });
      await host.runUntilIdle();
      expect(host.instance("small")?.status).toBe("Completed");
      expect(((await host.client.getStatus("small"))?.customStatus as { blob: string }).blob).toHaveLength(
        100,
      );
      expect(host.instance("large")?.status).toBe("Failed");
      expect(host.instance("large")?.failure?.message).toMatch(
        /UTF-16 size of the JSON-serialized payload must not exceed 16 KB/,
      );
    } finally {
      await host.stop();
    }
  });

  it("counts the limit in UTF-16 bytes as the extension does: 9,000 ASCII characters are too many", async () => {
    const host = await startHost();
    try {
      // {"blob":"…"} is 11 characters more; 17 KB of UTF-16 (17,408 bytes) is the first size refused.
      await host.client.startNew("bigStatus", { instanceId: "fits", input: 8_690 });
      await host.client.startNew("bigStatus", { instanceId: "ascii", input: 9_000 });
      await host.client.startNew("bigStatus", { instanceId: "accents", input: { size: 9_000, char: "é" } });
      await host.runUntilIdle();
      expect(host.instance("fits")?.status).toBe("Completed");
      expect(host.instance("ascii")?.status).toBe("Failed");
      expect(host.instance("ascii")?.failure?.message).toContain("The current payload size is 17 KB");
      expect(host.instance("accents")?.status).toBe("Failed");
    } finally {
      await host.stop();
    }
  });
});
