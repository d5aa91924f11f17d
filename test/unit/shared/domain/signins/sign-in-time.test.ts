import fc from "fast-check";
import { createdTimeTest, signInTimeMs } from "../../../../../shared/domain/signins/sign-in-time";

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

describe("signInTimeMs (a row's time, read straight from Graph's spelling)", () => {
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
  // Graph's spelling with every field drawn past its range now and then (month 13, day 31 of
  // February, hour 24, second 60), so the checks before the fast path are exercised too.
  const graphSpelling = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
      two(13),
      two(32),
      two(25),
      two(61),
      two(61),
      fc.array(digit, { minLength: 7, maxLength: 7 }),
    )
    .map(([y, mo, d, h, mi, s, f]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${f.join("")}Z`);
  // The same text with one character replaced by one that may not belong there.
  const damaged = fc
    .tuple(
      graphSpelling,
      fc.nat(27),
      fc.constantFrom("0", "9", "/", ":", "-", ".", "T", "Z", "a", " ", "\u0660"),
    )
    .map(([text, at, c]) => text.slice(0, at) + c + text.slice(at + 1));

  it("reads every text as Date.parse does (NaN where it finds no time)", () => {
    fc.assert(
      fc.property(fc.oneof(graphSpelling, damaged, fc.string({ minLength: 28, maxLength: 28 })), (text) => {
        expect(signInTimeMs(text)).toBe(Date.parse(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    "2020-03-13T19:15:41.6195833Z",
    "2026-01-06T23:59:59.9999999Z",
    "2026-02-29T00:00:00.0000000Z",
    "2024-02-29T12:00:00.5000000Z",
    "2026-01-06T24:00:00.0000000Z",
    "2026-01-06T08:15:42Z",
    "2026-01-06T08:15:42.123+01:00",
    "",
    "yesterday",
  ])("%s as Date.parse reads it", (text) => {
    expect(signInTimeMs(text)).toBe(Date.parse(text));
  });

  it("has no time for a missing one", () => {
    expect(signInTimeMs(undefined)).toBeNaN();
    expect(signInTimeMs(null)).toBeNaN();
  });
});
