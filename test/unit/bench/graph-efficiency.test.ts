import { driftShare, largestActivity, projectedPeakMb } from "../../../bench/graph-efficiency";

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

  it("projectedPeakMb keeps the idle process and scales what the activity added to 100,000 users", () => {
    // 2,000 users: 10 MB above an idle 120 MB is 500 MB above it at 100,000.
    expect(projectedPeakMb(130, 120, 2_000)).toBe(620);
    // A peak below the idle level (a collection in between) adds nothing.
    expect(projectedPeakMb(110, 120, 2_000)).toBe(120);
    // Measured at 100,000 users or more, the peak is the figure itself.
    expect(projectedPeakMb(700, 120, 100_000)).toBe(700);
  });
});
