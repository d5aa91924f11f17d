import { driftShare, heaviestKinds, largestActivity } from "../../../bench/graph-efficiency";

describe("graph-efficiency figures", () => {
  it("driftShare is the drift checks' seconds over the wall time, in % to a tenth", () => {
    const activities = [
      { name: "collect-sign-ins", runs: 50, seconds: 120 },
      { name: "check-drift", runs: 50, seconds: 16.9 },
    ];
    expect(driftShare({ activities, wallMs: 266_600 })).toBe(6.3);
    expect(driftShare({ activities: activities.slice(0, 1), wallMs: 266_600 })).toBe(0);
    expect(driftShare({ activities, wallMs: 0 })).toBe(0);
  });

  it("largestActivity names the kind with the highest peak", () => {
    expect(largestActivity({ "setup-rollout": 310, "collect-sign-ins": 420, "check-drift": 200 })).toEqual({
      name: "collect-sign-ins",
      mb: 420,
    });
    expect(largestActivity({})).toEqual({ name: "-", mb: 0 });
  });

  it("heaviestKinds names the kinds with the highest peaks, highest first", () => {
    const peaks = { "setup-rollout": 80, preflight: 92, "check-drift": 85, "collect-sign-ins": 90 };
    expect(heaviestKinds(peaks, 2)).toEqual(["preflight", "collect-sign-ins"]);
    expect(heaviestKinds(peaks, 3)).toEqual(["preflight", "collect-sign-ins", "check-drift"]);
    // Asked for more kinds than were measured: every kind, still in order.
    expect(heaviestKinds({ b: 1, a: 2 }, 5)).toEqual(["a", "b"]);
    expect(heaviestKinds({}, 2)).toEqual([]);
  });
});
