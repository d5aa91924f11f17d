import type { SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../../../local/clock";
import { arrivalModel } from "../../../../../local/graph-sim/tenant/arrival";
import { createSimTenant } from "../../../../../local/graph-sim/tenant/create-tenant";
import { Arrival } from "../../../../../local/graph-sim/tenant/scenario-schema";
import { at, collect } from "./rollout-fixture";

const MIN = 60_000;
const HOUR = 3_600_000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

describe("arrival delays (the default model)", () => {
  const model = arrivalModel(Arrival.parse({}));
  const delays = Array.from({ length: 10_000 }, (_, i) => model.delayMs((i + 0.5) / 10_000, 0.99)).sort(
    (a, b) => a - b,
  );

  it("about 95% within 2 minutes, 99% within 5, a thin tail to 2 hours", () => {
    expect(quantile(delays, 0.5)).toBeGreaterThan(20_000);
    expect(quantile(delays, 0.94)).toBeLessThanOrEqual(2 * MIN);
    expect(quantile(delays, 0.96)).toBeGreaterThan(2 * MIN);
    expect(quantile(delays, 0.989)).toBeLessThanOrEqual(5 * MIN);
    expect(delays.at(-1)!).toBeGreaterThan(HOUR);
    expect(delays.at(-1)!).toBeLessThanOrEqual(2 * HOUR);
    expect(delays[0]!).toBeGreaterThanOrEqual(5_000);
    expect(model.maxDelayMs).toBe(2 * HOUR);
  });

  it("sends `lateShare` of the rows hours late", () => {
    const late = arrivalModel(Arrival.parse({ lateShare: 0.1, lateHours: { min: 2, max: 8 } }));
    const draws = Array.from({ length: 1_000 }, (_, i) => late.delayMs(0.5, (i + 0.5) / 1_000));
    const hoursLate = draws.filter((d) => d >= 2 * HOUR);
    expect(hoursLate.length).toBe(100);
    expect(Math.max(...hoursLate)).toBeLessThanOrEqual(8 * HOUR);
    expect(late.maxDelayMs).toBe(8 * HOUR);
  });
});

describe("a row is visible in the log only once it has arrived", () => {
  const ids = (list: SignIn[]) => new Set(list.map((s) => s.id));

  it("is invisible before its arrival, visible from then on, and never changes once seen", () => {
    const clock = new ManualClock(at(7, 10, 30));
    const tenant = createSimTenant({ scenario: "clean", seed: 4, clock });
    const window = [at(7, 10, 30), at(7, 11)] as const;
    const firstSeen = new Map<string, { at: number; row: string }>();
    for (
      let t = at(7, 10).getTime();
      t <= at(7, 14).getTime();
      t += t < at(7, 11, 10).getTime() ? 10_000 : MIN
    ) {
      clock.advanceTo(new Date(t));
      const seen = collect(tenant, ...window);
      const now = new Map(seen.map((s) => [s.id!, JSON.stringify(s)]));
      for (const [id, first] of firstSeen) expect(now.get(id)).toBe(first.row);
      for (const [id, row] of now) if (!firstSeen.has(id)) firstSeen.set(id, { at: t, row });
    }
    const delays = [...firstSeen.values()].map(
      (f) => f.at - Date.parse((JSON.parse(f.row) as SignIn).createdDateTime!),
    );
    expect(delays.length).toBeGreaterThan(8);
    // Seen no earlier than 5 s after being created, however often the log is read.
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(5_000);
    expect(delays.filter((d) => d > MIN).length).toBeGreaterThan(0);
  });

  it("most rows arrive within minutes: of the rows created 5 to 60 minutes ago, at least 97% are there", () => {
    const clock = new ManualClock(at(8, 16));
    const tenant = createSimTenant({ scenario: "clean", seed: 2, clock });
    const seenNow = collect(tenant, at(8, 15), new Date(at(8, 16).getTime() - 5 * MIN));
    clock.advanceTo(at(9));
    const all = collect(tenant, at(8, 15), new Date(at(8, 16).getTime() - 5 * MIN));
    expect(all.length).toBeGreaterThan(20);
    expect(seenNow.length / all.length).toBeGreaterThanOrEqual(0.97);
  });

  it("late-rows: some rows arrive hours late, with the scenario or with any scenario through the arrival option", () => {
    for (const tenantOf of [
      (clock: ManualClock) => createSimTenant({ scenario: "late-rows", seed: 3, clock }),
      (clock: ManualClock) =>
        createSimTenant({ scenario: "invoicing-app", seed: 3, clock, arrival: { lateShare: 0.1 } }),
    ]) {
      // Two hours after the window closed the usual tail is over: whatever is missing is hours late.
      const clock = new ManualClock(at(8, 15));
      const tenant = tenantOf(clock);
      const window = [at(8, 9), at(8, 13)] as const;
      const early = ids(collect(tenant, ...window));
      clock.advanceTo(at(8, 21, 1));
      const all = collect(tenant, ...window);
      const late = all.filter((s) => !early.has(s.id));
      expect(late.length / all.length).toBeGreaterThan(0.03);
      expect(late.length / all.length).toBeLessThan(0.12);
      clock.advanceTo(at(9, 12));
      expect(collect(tenant, ...window)).toEqual(all);
    }
  });

  it("rejects a bad arrival override with the field named", () => {
    const clock = new ManualClock(at(1));
    expect(() =>
      createSimTenant({ scenario: "clean", seed: 1, clock, arrival: { p95Seconds: 9_000 } }),
    ).toThrow(/arrival.*p95Seconds <= p99Seconds/);
    expect(() => createSimTenant({ scenario: "clean", seed: 1, clock, arrival: { lateShare: 2 } })).toThrow(
      /arrival\.lateShare/,
    );
  });
});
