import { ManualClock } from "../../../local/clock";

describe("ManualClock", () => {
  it("moves forward only", () => {
    const clock = new ManualClock("2026-01-05T09:00:00Z");
    clock.advanceBy(60_000);
    expect(clock.now().toISOString()).toBe("2026-01-05T09:01:00.000Z");
    clock.advanceTo(new Date("2026-01-01T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2026-01-05T09:01:00.000Z");
  });
});
