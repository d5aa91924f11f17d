import { DateTime, Settings } from "luxon";
import {
  currentWindowEnd,
  isInsideChangeWindow,
  nextWindowOpening,
  type ScheduleInput,
} from "../../../../../shared/domain";

const utcOffice: ScheduleInput = {
  timeZone: "UTC",
  changeWindows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }],
};

describe("change windows at the edges", () => {
  it("reads an instant written without an offset as UTC, whatever the host's time zone", () => {
    const hostZone = Settings.defaultZone;
    Settings.defaultZone = "America/New_York";
    try {
      // 09:30 UTC on a Monday is inside; read as New York time it would be 14:30 UTC, still
      // inside, so take 16:30: inside as UTC, 21:30 UTC (outside) if read in the host's zone.
      expect(isInsideChangeWindow(utcOffice, "2026-03-02T16:30:00")).toBe(true);
      expect(isInsideChangeWindow(utcOffice, "2026-03-02T08:30:00")).toBe(false);
    } finally {
      Settings.defaultZone = hostZone;
    }
  });

  it("a blacked-out day has no window to close, even inside its hours", () => {
    const schedule = { ...utcOffice, blackoutDates: ["2026-03-02"] };
    expect(currentWindowEnd(schedule, "2026-03-02T10:00:00Z")).toBeNull();
    expect(currentWindowEnd(schedule, "2026-03-03T10:00:00Z")?.toISOString()).toBe(
      "2026-03-03T17:00:00.000Z",
    );
  });

  /**
   * A schedule whose only allowed weekday is blacked out for `weeks` weeks: the next opening is
   * `weeks` weeks after the first one.
   */
  function blackedOutWeeks(from: string, weeks: number): ScheduleInput {
    const first = DateTime.fromISO(from, { zone: "utc" });
    const day = first.toFormat("ccc").toLowerCase();
    const blackoutDates = Array.from({ length: weeks }, (_, i) => first.plus({ weeks: i }).toISODate() ?? "");
    return { timeZone: "UTC", changeWindows: [{ days: [day], start: "09:00", end: "10:00" }], blackoutDates };
  }

  it("searches 400 days ahead for an opening: one on day 400 is found, later ones are not", () => {
    // From Monday 2026-03-02 the Tuesday openings fall on days 1, 8, …, 1 + 7k: with the first 57
    // blacked out the next is day 400 (2027-04-06); with 58, day 407, past the search.
    const at = "2026-03-02T10:00:00Z";
    expect(nextWindowOpening(blackedOutWeeks("2026-03-03", 57), at)?.toISOString()).toBe(
      "2027-04-06T09:00:00.000Z",
    );
    expect(nextWindowOpening(blackedOutWeeks("2026-03-03", 58), at)).toBeNull();
  });
});
