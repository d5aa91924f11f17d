import { LocalDurableHost, PacedClock } from "../../../../local/durable-host";
import { registry, T0 } from "./fixtures/host-fixture";

async function eventually(check: () => boolean, realMs = 5000): Promise<void> {
  const deadline = Date.now() + realMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("real-time modes", () => {
  it("paced mode runs work in the background and fires timers at the paced virtual time", async () => {
    // 10 virtual hours per real second: a 14.4-minute timer takes about 24 ms
    const host = await LocalDurableHost.start({
      registry,
      clock: { mode: "paced", start: T0, ratio: 36_000 },
    });
    try {
      await host.client.startNew("longTimer", { instanceId: "pace", input: 0.01 });
      await eventually(() => host.instance("pace")?.status === "Completed");
      const output = JSON.parse(host.instance("pace")?.output ?? "null") as { firedAt: string };
      expect(Date.parse(output.firedAt) - Date.parse(T0)).toBeGreaterThanOrEqual(14.4 * 60_000);
      await expect(host.advanceBy(1000)).rejects.toThrow(/virtual/);
    } finally {
      await host.stop();
    }
  });

  it("real mode processes client requests without explicit runs", async () => {
    const host = await LocalDurableHost.start({ registry, clock: { mode: "real" } });
    try {
      await host.client.startNew("waitForever", { instanceId: "live" });
      await eventually(() => host.instance("live")?.status === "Running");
      await host.client.raiseEvent("live", "go", "now");
      await eventually(() => host.instance("live")?.status === "Completed");
      expect(host.instance("live")?.output).toBe(JSON.stringify("now"));
    } finally {
      await host.stop();
    }
  });

  it("virtual mode with autoRun runs ready work in the background but never moves time", async () => {
    const host = await LocalDurableHost.start({
      registry,
      clock: { mode: "virtual", start: T0 },
      autoRun: true,
    });
    try {
      await host.client.startNew("steps", { instanceId: "auto", input: 2 });
      await eventually(() => host.instance("auto")?.status === "Completed");
      await host.client.startNew("longTimer", { instanceId: "auto-timer", input: 1 });
      await eventually(() => host.instance("auto-timer")?.status === "Running");
      await new Promise((r) => setTimeout(r, 100));
      expect(host.instance("auto-timer")?.status).toBe("Running");
      expect(host.clock.now().toISOString()).toBe(T0);
      await host.advanceBy(24 * 3600_000);
      expect(host.instance("auto-timer")?.status).toBe("Completed");
    } finally {
      await host.stop();
    }
  });

  it("PacedClock moves virtual time at its ratio", () => {
    const clock = new PacedClock(T0, 1000);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse(T0));
    expect(() => new PacedClock(T0, 0)).toThrow(/positive/);
  });
});
