import { FaultInjector } from "../../../../../local/graph-sim/server/faults";

describe("FaultInjector storms and delays", () => {
  it("answers a share of requests 429 with the configured Retry-After", () => {
    const injector = new FaultInjector(5, { default: { rate429: 0.5, retryAfterSeconds: 7 } });
    const decisions = Array.from({ length: 2000 }, () => injector.decide("groups.patch"));
    const throttled = decisions.filter((d) => d.status === 429);
    expect(throttled.length / decisions.length).toBeCloseTo(0.5, 1);
    for (const d of throttled) expect(d.headers).toEqual({ "Retry-After": "7" });
    expect(decisions.filter((d) => d.status !== 429).every((d) => d.status === undefined)).toBe(true);
  });

  it("holds a share of requests for delayMs on top of the latency, flagged as delayed", () => {
    const injector = new FaultInjector(9, {
      endpoints: { "users.list": { rateDelay: 0.25, delayMs: 900, latencyMs: 10 } },
    });
    const decisions = Array.from({ length: 2000 }, () => injector.decide("users.list"));
    const delayed = decisions.filter((d) => d.delayed);
    expect(delayed.length / decisions.length).toBeCloseTo(0.25, 1);
    for (const d of delayed) expect(d.latencyMs).toBe(910);
    for (const d of decisions.filter((x) => !x.delayed)) expect(d).toEqual({ latencyMs: 10 });
    expect(injector.decide("groups.patch")).toEqual({ latencyMs: 0 });
  });

  it("counts 429 in the rate total and refuses negative delays", () => {
    expect(() => new FaultInjector(1, { default: { rate429: 0.6, rate503: 0.6 } })).toThrow(/at most 1/);
    expect(() => new FaultInjector(1, { default: { rateDelay: 2 } })).toThrow(/between 0 and 1/);
    expect(() => new FaultInjector(1, { default: { delayMs: -5 } })).toThrow(/delayMs/);
    expect(() => new FaultInjector(1, { default: { retryAfterSeconds: -1 } })).toThrow(/retryAfterSeconds/);
  });
});
