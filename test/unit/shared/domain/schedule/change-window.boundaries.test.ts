import { currentWindowEnd, isInsideChangeWindow, nextWindowOpening } from "../../../../../shared/domain";

/** A window's edges to the minute: open from its start, closed from its end (London = UTC in January). */
const schedule = {
  timeZone: "Europe/London",
  changeWindows: [
    { days: ["mon"], start: "13:00", end: "15:00" },
    { days: ["mon"], start: "08:00", end: "10:30" },
    { days: ["mon"], start: "09:00", end: "12:00" },
  ],
};
// Monday 5 January 2026.
const at = (clock: string) => `2026-01-05T${clock}:00Z`;

describe("change windows at their edges", () => {
  it.each([
    ["07:59", false],
    ["08:00", true],
    ["11:59", true],
    ["12:00", false],
    ["12:59", false],
    ["13:00", true],
    ["14:59", true],
    ["15:00", false],
  ])("at %s Monday the window is open: %s", (clock, open) => {
    expect(isInsideChangeWindow(schedule, at(clock))).toBe(open);
    expect(isInsideChangeWindow(schedule, new Date(at(clock)))).toBe(open);
    expect(isInsideChangeWindow(schedule, Date.parse(at(clock)))).toBe(open);
  });

  it("is closed on a day the windows do not name", () => {
    expect(isInsideChangeWindow(schedule, "2026-01-06T09:00:00Z")).toBe(false);
  });

  it("opens at the earliest window of the day, whatever their order in the plan", () => {
    expect(nextWindowOpening(schedule, at("07:59"))?.toISOString()).toBe("2026-01-05T08:00:00.000Z");
    expect(nextWindowOpening(schedule, at("12:00"))?.toISOString()).toBe("2026-01-05T13:00:00.000Z");
    expect(nextWindowOpening(schedule, at("15:00"))?.toISOString()).toBe("2026-01-12T08:00:00.000Z");
  });

  it("is the instant itself, as a Date, when a window is open then", () => {
    expect(nextWindowOpening(schedule, Date.parse(at("08:00")))?.toISOString()).toBe(
      "2026-01-05T08:00:00.000Z",
    );
    expect(nextWindowOpening(schedule, new Date(at("09:30")))?.toISOString()).toBe(
      "2026-01-05T09:30:00.000Z",
    );
  });

  it("closes overlapping windows at the latest of their ends", () => {
    expect(currentWindowEnd(schedule, at("09:30"))?.toISOString()).toBe("2026-01-05T12:00:00.000Z");
    expect(currentWindowEnd(schedule, at("08:00"))?.toISOString()).toBe("2026-01-05T10:30:00.000Z");
    expect(currentWindowEnd(schedule, at("12:00"))).toBeNull();
  });

  it("has no window end when windows are unrestricted", () => {
    expect(currentWindowEnd({ timeZone: "UTC" }, at("09:30"))).toBeNull();
  });
});
