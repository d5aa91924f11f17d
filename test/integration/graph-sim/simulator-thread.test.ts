import type { SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../local/clock";
import { startSimulatorThread, type SimulatorThread } from "../../../local/graph-sim/thread/simulator-thread";

async function signInTimes(sim: SimulatorThread, from: string): Promise<string[]> {
  const filter = encodeURIComponent(`createdDateTime ge ${from}`);
  const response = await fetch(`${sim.baseUrl}/auditLogs/signIns?$select=createdDateTime&$filter=${filter}`, {
    headers: { Authorization: "Bearer t" },
  });
  expect(response.status).toBe(200);
  const page = (await response.json()) as { value: SignIn[] };
  return page.value.map((s) => s.createdDateTime ?? "");
}

describe("the Graph simulator on a thread of its own", () => {
  it("serves Graph over loopback on the rehearsal's clock, and sees the clock move at once", async () => {
    const clock = new ManualClock("2026-01-06T08:00:00Z");
    const sim = await startSimulatorThread({ scenario: "clean", clock, throttling: false });
    try {
      expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
      const before = await signInTimes(sim, "2026-01-06T00:00:00Z");
      expect(before.every((t) => t <= "2026-01-06T08:00:00Z")).toBe(true);
      clock.advanceTo(new Date("2026-01-06T18:00:00Z"));
      const after = await signInTimes(sim, "2026-01-06T00:00:00Z");
      expect(after.length).toBeGreaterThan(before.length);
      expect(after.some((t) => t > "2026-01-06T08:00:00Z")).toBe(true);

      const counted = await sim.countSignIns([
        { from: Date.parse("2026-01-06T00:00:00Z"), to: Date.parse("2026-01-06T18:00:00Z") },
      ]);
      expect(counted).toEqual([after.length]);
      expect((await sim.counters()).total).toBe(2);
    } finally {
      await sim.stop();
    }
    await expect(sim.counters()).rejects.toThrow(/exited/);
  });

  it("reports a scenario that cannot load instead of hanging", async () => {
    const clock = new ManualClock("2026-01-06T08:00:00Z");
    await expect(startSimulatorThread({ scenario: "no-such-scenario", clock })).rejects.toThrow(
      /no-such-scenario/,
    );
  });
});
