import { LocalDurableHost, MemoryInstanceStore } from "../../../../local/durable-host";
import { registry, T0 } from "./fixtures/host-fixture";

async function runToEnd(store: MemoryInstanceStore, start: Date | string): Promise<LocalDurableHost> {
  const host = await LocalDurableHost.start({ registry, store, clock: { mode: "virtual", start } });
  await host.runUntilIdle();
  return host;
}

describe("fault hooks and restarting on the same store", () => {
  it("re-runs an activity whose result was never recorded (stop before completion)", async () => {
    const store = new MemoryInstanceStore();
    const first = await LocalDurableHost.start({ registry, store, clock: { mode: "virtual", start: T0 } });
    first.faults.stopBeforeActivityCompletes({ name: "echo", occurrence: 2 });
    await first.client.startNew("steps", { instanceId: "k1", input: 3 });
    await first.runUntilIdle();
    expect(first.stoppedByFault).toContain("before activity 'echo'");
    expect(first.activityExecutions("echo")).toBe(2);
    await first.stop();
    expect((await store.load("k1"))?.status).toBe("Running");

    const second = await runToEnd(store, T0);
    try {
      expect(second.instance("k1")?.status).toBe("Completed");
      expect(JSON.parse(second.instance("k1")?.output ?? "null")).toEqual([
        "step-0",
        "step-1",
        "step-2",
        null,
      ]);
      // step-1 ran on both hosts: at-least-once
      expect(first.activityExecutions("echo") + second.activityExecutions("echo")).toBe(4);
    } finally {
      await second.stop();
    }
  });

  it("does not re-run an activity whose result was recorded (stop after completion)", async () => {
    const store = new MemoryInstanceStore();
    const first = await LocalDurableHost.start({ registry, store, clock: { mode: "virtual", start: T0 } });
    first.faults.stopAfterActivityCompletes({ occurrence: 2 });
    await first.client.startNew("steps", { instanceId: "k2", input: 3 });
    await first.runUntilIdle();
    expect(first.stoppedByFault).toContain("after activity 'echo'");
    await first.stop();

    const second = await runToEnd(store, T0);
    try {
      expect(JSON.parse(second.instance("k2")?.output ?? "null")).toEqual([
        "step-0",
        "step-1",
        "step-2",
        null,
      ]);
      expect(first.activityExecutions("echo") + second.activityExecutions("echo")).toBe(3);
    } finally {
      await second.stop();
    }
  });

  it("resumes pending timers after a restart", async () => {
    const store = new MemoryInstanceStore();
    const first = await LocalDurableHost.start({ registry, store, clock: { mode: "virtual", start: T0 } });
    await first.client.startNew("longTimer", { instanceId: "k3", input: 1 });
    await first.runUntilIdle();
    await first.stop();
    const second = await LocalDurableHost.start({ registry, store, clock: { mode: "virtual", start: T0 } });
    try {
      await second.advanceBy(24 * 3600_000);
      expect(second.instance("k3")?.status).toBe("Completed");
    } finally {
      await second.stop();
    }
  });
});
