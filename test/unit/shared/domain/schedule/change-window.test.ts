import {
  currentWindowEnd,
  isInsideChangeWindow,
  nextWindowOpening,
  type ScheduleInput,
} from "../../../../../shared/domain";

const berlin: ScheduleInput = {
  timeZone: "Europe/Berlin",
  changeWindows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "17:00" }],
};
const london: ScheduleInput = {
  timeZone: "Europe/London",
  changeWindows: [{ days: ["mon", "tue", "wed", "thu"], start: "08:00", end: "16:00" }],
  blackoutDates: ["2026-12-24"],
};

describe("isInsideChangeWindow", () => {
  it.each([
    ["Tuesday 10:00 Berlin (08:00 UTC, winter)", berlin, "2026-01-13T09:00:00Z", true],
    ["Tuesday 07:59 Berlin", berlin, "2026-01-13T06:59:00Z", false],
    ["Tuesday 17:00 Berlin (end is exclusive)", berlin, "2026-01-13T16:00:00Z", false],
    ["Saturday noon Berlin", berlin, "2026-01-17T11:00:00Z", false],
    ["summer: 08:30 Berlin is 06:30 UTC", berlin, "2026-07-14T06:30:00Z", true],
    ["a Friday in London's Mon–Thu plan", london, "2026-01-16T10:00:00Z", false],
    ["a blackout Thursday in London", london, "2026-12-24T10:00:00Z", false],
    ["the Wednesday before it", london, "2026-12-23T10:00:00Z", true],
    ["an instant given with an offset", berlin, "2026-01-13T10:00:00+01:00", true],
  ])("%s → %s", (_name, schedule, instant, expected) => {
    expect(isInsideChangeWindow(schedule, instant)).toBe(expected);
  });

  it("is always open without windows, except on blackout dates", () => {
    const anyTime: ScheduleInput = { timeZone: "UTC", blackoutDates: ["2026-01-01"] };
    expect(isInsideChangeWindow(anyTime, new Date("2026-01-03T03:00:00Z"))).toBe(true);
    expect(isInsideChangeWindow(anyTime, Date.parse("2026-01-01T12:00:00Z"))).toBe(false);
  });

  it("judges blackout dates by the plan's local date, not UTC", () => {
    const tokyo: ScheduleInput = { timeZone: "Asia/Tokyo", blackoutDates: ["2026-01-02"] };
    // 20:00 UTC on Jan 1 is 05:00 on Jan 2 in Tokyo
    expect(isInsideChangeWindow(tokyo, "2026-01-01T20:00:00Z")).toBe(false);
  });

  it("rejects nonsense instead of guessing", () => {
    expect(() => isInsideChangeWindow(berlin, "next tuesday")).toThrow(/invalid instant/);
    expect(() => isInsideChangeWindow({ timeZone: "Mars/Base" }, "2026-01-01T00:00:00Z")).toThrow(
      /time zone/,
    );
  });
});

describe("nextWindowOpening", () => {
  it.each([
    [
      "a wave due Friday 18:00 Berlin starts Monday 08:00 Berlin",
      berlin,
      "2026-01-16T17:00:00Z",
      "2026-01-19T07:00:00.000Z",
    ],
    ["before the window on a weekday: today", berlin, "2026-01-13T05:00:00Z", "2026-01-13T07:00:00.000Z"],
    ["inside a window: now", berlin, "2026-01-13T09:15:00Z", "2026-01-13T09:15:00.000Z"],
    // Europe/Berlin springs forward on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
    ["across the spring DST change", berlin, "2026-03-27T17:00:00Z", "2026-03-30T06:00:00.000Z"],
    ["across the autumn DST change", berlin, "2026-10-23T16:00:00Z", "2026-10-26T07:00:00.000Z"],
    ["skipping blackout dates and Fridays", london, "2026-12-23T17:00:00Z", "2026-12-28T08:00:00.000Z"],
  ])("%s", (_name, schedule, instant, expected) => {
    expect(nextWindowOpening(schedule, instant)?.toISOString()).toBe(expected);
  });

  it("opens a window that starts in a DST gap when the clock resumes", () => {
    const night: ScheduleInput = {
      timeZone: "Europe/London",
      changeWindows: [{ days: ["sun"], start: "01:30", end: "03:00" }],
    };
    // 01:00 → 02:00 on 29 March 2026 in London: 01:30 does not exist, 02:30 BST is 01:30 UTC
    expect(nextWindowOpening(night, "2026-03-28T12:00:00Z")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("without windows, a blackout day reopens at the next local midnight", () => {
    const anyTime: ScheduleInput = { timeZone: "Europe/Berlin", blackoutDates: ["2026-12-24", "2026-12-25"] };
    expect(nextWindowOpening(anyTime, "2026-12-24T10:00:00Z")?.toISOString()).toBe(
      "2026-12-25T23:00:00.000Z",
    );
  });

  it("reads an instant without an offset as UTC, whatever the host's zone", () => {
    expect(nextWindowOpening(berlin, "2026-01-13T05:00:00")?.toISOString()).toBe("2026-01-13T07:00:00.000Z");
  });

  it("returns null when no window can ever open", () => {
    const never: ScheduleInput = {
      timeZone: "UTC",
      changeWindows: [{ days: [], start: "08:00", end: "09:00" }],
    };
    expect(nextWindowOpening(never, "2026-01-01T00:00:00Z")).toBeNull();
  });
});

describe("currentWindowEnd", () => {
  it("is the end of the open window, in the plan's zone", () => {
    expect(currentWindowEnd(london, "2026-07-14T09:00:00Z")?.toISOString()).toBe("2026-07-14T15:00:00.000Z");
    expect(currentWindowEnd(london, "2026-07-14T16:00:00Z")).toBeNull();
  });
});
