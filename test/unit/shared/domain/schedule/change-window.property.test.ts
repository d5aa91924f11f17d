import fc from "fast-check";
import { isInsideChangeWindow, nextWindowOpening, type ScheduleInput } from "../../../../../shared/domain";

const schedules: ScheduleInput[] = [
  {
    timeZone: "Europe/London",
    changeWindows: [{ days: ["mon", "tue", "wed", "thu"], start: "08:00", end: "16:00" }],
    blackoutDates: ["2026-12-24", "2026-12-25", "2026-03-30"],
  },
  {
    timeZone: "America/New_York",
    changeWindows: [
      { days: ["sat", "sun"], start: "01:30", end: "03:30" },
      { days: ["wed"], start: "22:00", end: "23:59" },
    ],
  },
];

describe("nextWindowOpening (properties, over all of 2026 including DST changes)", () => {
  it("is inside a window, not before the instant, and the minute before it is closed", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...schedules),
        fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2026-12-31T00:00:00Z") }),
        (schedule, ms) => {
          const opening = nextWindowOpening(schedule, ms);
          expect(opening).not.toBeNull();
          const at = opening?.getTime() ?? 0;
          expect(at).toBeGreaterThanOrEqual(ms);
          expect(isInsideChangeWindow(schedule, at)).toBe(true);
          if (at > ms) expect(isInsideChangeWindow(schedule, Math.max(ms, at - 60_000))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
