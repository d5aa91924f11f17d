import { activityTimes } from "../../../bench/activity-times";

describe("activityTimes", () => {
  it("adds up runs and seconds per activity, busiest first, to a tenth of a second", () => {
    const log = [
      { name: "enforce-wave", durationMs: 1_000 },
      { name: "collect-sign-ins", durationMs: 2_040 },
      { name: "collect-sign-ins", durationMs: 1_010 },
      { name: "enforce-wave", durationMs: 1_200 },
      { name: "start-wave" },
    ];
    expect(activityTimes(log)).toEqual([
      { name: "collect-sign-ins", runs: 2, seconds: 3.1 },
      { name: "enforce-wave", runs: 2, seconds: 2.2 },
      { name: "start-wave", runs: 1, seconds: 0 },
    ]);
  });
});
