import { FaultInjector } from "../../../../../local/graph-sim/server/faults";

const statuses = (injector: FaultInjector, endpoint: string, n: number) =>
  Array.from({ length: n }, () => injector.decide(endpoint).status ?? 200);

describe("FaultInjector", () => {
  it("injects nothing by default", () => {
    expect(new Set(statuses(new FaultInjector(1), "users.list", 200))).toEqual(new Set([200]));
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const config = { default: { rate503: 0.3 } };
    const a = statuses(new FaultInjector(7, config), "x", 100);
    expect(statuses(new FaultInjector(7, config), "x", 100)).toEqual(a);
    expect(statuses(new FaultInjector(8, config), "x", 100)).not.toEqual(a);
  });

  it("roughly honours the configured rates", () => {
    const result = statuses(
      new FaultInjector(3, { default: { rate500: 0.1, rate503: 0.2, rate504: 0.1 } }),
      "x",
      5000,
    );
    const share = (s: number) => result.filter((r) => r === s).length / result.length;
    expect(share(500)).toBeCloseTo(0.1, 1);
    expect(share(503)).toBeCloseTo(0.2, 1);
    expect(share(504)).toBeCloseTo(0.1, 1);
  });

  it("lets an endpoint rule override the default, and can be changed at runtime", () => {
    const injector = new FaultInjector(1, {
      default: { rate503: 1 },
      endpoints: { "signIns.list": { rate503: 0, latencyMs: 5 } },
    });
    expect(injector.decide("signIns.list")).toEqual({ latencyMs: 5 });
    expect(injector.decide("users.list").status).toBe(503);
    injector.set({});
    expect(injector.decide("users.list").status).toBeUndefined();
  });

  it("rejects rates outside [0, 1] or summing above 1", () => {
    expect(() => new FaultInjector(1, { default: { rate500: 1.5 } })).toThrow(/between 0 and 1/);
    expect(() => new FaultInjector(1, { default: { rate500: 0.6, rate504: 0.6 } })).toThrow(/at most 1/);
    expect(() => new FaultInjector(1, { endpoints: { x: { latencyMs: -1 } } })).toThrow(/latencyMs/);
  });
});
