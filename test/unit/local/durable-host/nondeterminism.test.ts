import { conformanceApp, startHost } from "./fixtures/host-fixture";

const { codeVersion } = conformanceApp;

describe("non-determinism detection", () => {
  afterEach(() => {
    codeVersion.current = 1;
  });

  it("fails the instance naming the sequence id, what history expects and what the code issued", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("changing", { instanceId: "n1" });
      await host.runUntilIdle();
      expect(host.instance("n1")?.status).toBe("Running");
      codeVersion.current = 2; // "deploy" a changed orchestrator mid-flight
      await host.client.raiseEvent("n1", "go");
      await host.runUntilIdle();
      const state = host.instance("n1");
      expect(state?.status).toBe("Failed");
      expect(state?.failure?.message).toBe(
        "Non-deterministic orchestration detected at sequence id 0: the history expects TaskScheduled 'echo' " +
          "but the orchestrator issued CallActivity 'double'",
      );
      const status = await host.client.getStatus("n1");
      expect(status?.runtimeStatus).toBe("Failed");
      expect(String(status?.output)).toContain("sequence id 0");
    } finally {
      await host.stop();
    }
  });

  it("lets an unchanged orchestrator replay to completion", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("changing", { instanceId: "n2" });
      await host.runUntilIdle();
      await host.client.raiseEvent("n2", "go");
      await host.runUntilIdle();
      expect(host.instance("n2")?.status).toBe("Completed");
    } finally {
      await host.stop();
    }
  });
});
