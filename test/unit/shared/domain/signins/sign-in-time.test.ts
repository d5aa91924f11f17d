import { createdTimeTest } from "../../../../../shared/domain/signins/sign-in-time";

describe("createdTimeTest (the exact sign-in window of the gateway and the gate counters)", () => {
  const from = Date.parse("2026-11-20T00:00:00.400Z");
  const to = Date.parse("2026-11-21T00:00:00.000Z");
  const inWindow = createdTimeTest(from, to);

  it.each([
    ["2026-11-20T00:00:00Z", false], // before from's fraction: a whole second below the bound
    ["2026-11-20T00:00:01Z", true],
    ["2026-11-20T12:34:56Z", true],
    ["2026-11-21T00:00:00Z", true], // to is inclusive
    ["2026-11-21T00:00:01Z", false],
    ["2026-11-19T23:59:59Z", false],
  ])("whole-second time %s in window: %s", (text, expected) => {
    expect(inWindow(text)).toBe(expected);
    // The fast path must agree with parsing the date.
    const at = Date.parse(text);
    expect(at >= from && at <= to).toBe(expected);
  });

  it.each([
    ["2026-11-20T00:00:00.500Z", true],
    ["2026-11-20T00:00:00.300Z", false],
    ["2026-11-21T01:00:00+01:00", true],
    ["2026-11-21T00:00:00.001Z", false],
  ])("other spellings are parsed: %s in window: %s", (text, expected) => {
    expect(inWindow(text)).toBe(expected);
  });

  it("treats a missing or unreadable time as outside the window", () => {
    expect(inWindow(undefined)).toBe(false);
    expect(inWindow(null)).toBe(false);
    expect(inWindow("yesterday")).toBe(false);
  });

  it("keeps a window that starts and ends inside one second empty for whole-second times", () => {
    const narrow = createdTimeTest(
      Date.parse("2026-11-20T10:00:00.100Z"),
      Date.parse("2026-11-20T10:00:00.900Z"),
    );
    expect(narrow("2026-11-20T10:00:00Z")).toBe(false);
    expect(narrow("2026-11-20T10:00:00.500Z")).toBe(true);
  });
});
