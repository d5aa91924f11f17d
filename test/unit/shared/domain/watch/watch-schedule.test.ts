import { nextWatchCheck, watchEndsAt, watchingStatus, watchSettings } from "../../../../../shared/domain";

describe("watch schedule", () => {
  it("defaults to a 30-day watch looked at every 6 hours", () => {
    expect(watchSettings({})).toEqual({ for: "P30D", checkEvery: "PT6H" });
    expect(watchSettings({ watch: { checkEvery: "PT1H" } })).toEqual({ for: "P30D", checkEvery: "PT1H" });
  });

  it("a wave is watched for watch.for from the end of its bake", () => {
    expect(watchEndsAt("2026-02-01T09:00:00.000Z", { for: "P30D", checkEvery: "PT6H" })).toBe(
      "2026-03-03T09:00:00.000Z",
    );
  });

  it("looks every checkEvery, once exactly at the end, and never after it", () => {
    const until = Date.parse("2026-03-03T09:00:00Z");
    expect(nextWatchCheck(until - 24 * 3600_000, until, "PT6H")).toBe(until - 18 * 3600_000);
    expect(nextWatchCheck(until - 3600_000, until, "PT6H")).toBe(until);
    expect(nextWatchCheck(until, until, "PT6H")).toBeNull();
  });

  it("says until when and how many users are watched and held back", () => {
    expect(watchingStatus("2026-03-03T09:00:00.000Z", 81, 4)).toBe(
      "watching until 2026-03-03 09:00 UTC: 81 user(s) watched, 4 held back so far",
    );
  });
});
