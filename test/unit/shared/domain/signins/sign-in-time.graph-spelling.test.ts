import { createdTimeTest, isoSeconds } from "../../../../../shared/domain/signins/sign-in-time";

/**
 * Graph writes sign-in times with seven fractional digits, and the window test compares those as
 * text: a row 100 ns after a window's end is after it, though Date.parse (milliseconds) puts it
 * at the end. Texts that merely look like one of the fast spellings must still be read as
 * Date.parse reads them.
 */
describe("createdTimeTest on Graph's own spelling", () => {
  const from = Date.parse("2026-11-20T00:00:00.400Z");
  const to = Date.parse("2026-11-21T00:00:00.000Z");
  const inWindow = createdTimeTest(from, to);

  it.each([
    ["2026-11-20T00:00:00.3999999Z", false], // 100 ns before from
    ["2026-11-20T00:00:00.4000000Z", true], // from itself
    ["2026-11-20T12:00:00.1234567Z", true],
    ["2026-11-21T00:00:00.0000000Z", true], // to itself
    ["2026-11-21T00:00:00.0000001Z", false], // 100 ns after to: Date.parse would say "at to"
  ])("%s in window: %s", (text, expected) => {
    expect(inWindow(text)).toBe(expected);
  });

  it("takes a millisecond spelling at a bound as inside", () => {
    expect(inWindow("2026-11-20T00:00:00.400Z")).toBe(true);
    expect(inWindow("2026-11-20T00:00:00.399Z")).toBe(false);
  });

  it.each([
    // Date.parse reads 2026-11-20T23:30Z: inside, though its text sorts after the end.
    ["2026-11-21T00:30:00.00+01:00", true],
    // A space for the T: Date.parse reads 12:00Z, inside, though its text sorts before the start.
    ["2026-11-20 12:00:00.0000000Z", true],
    ["2026-11-20 12:00:00Z", true],
    // Unreadable, though their texts sort between the bounds.
    ["2026-11-20T12:00:00x0000000Z", false],
    ["2026-11-20T12:00:00.0000000Zxyz", false],
    ["2026-11-20T12:00:00X", false],
    ["2026-11-20T12:00:00Zjunk", false],
  ])("reads the look-alike %s as Date.parse does: %s", (text, expected) => {
    expect(inWindow(text)).toBe(expected);
  });

  it("rounds a window end with a fraction down for whole-second times", () => {
    const end = createdTimeTest(from, Date.parse("2026-11-21T00:00:00.600Z"));
    expect(end("2026-11-21T00:00:00Z")).toBe(true);
    expect(end("2026-11-21T00:00:01Z")).toBe(false);
  });
});

describe("isoSeconds (Graph's second-grained log filter)", () => {
  it.each([
    ["2026-11-20T10:15:30.400Z", "floor", "2026-11-20T10:15:30Z"],
    ["2026-11-20T10:15:30.400Z", "ceil", "2026-11-20T10:15:31Z"],
    ["2026-11-20T10:15:30.000Z", "floor", "2026-11-20T10:15:30Z"],
    ["2026-11-20T10:15:30.000Z", "ceil", "2026-11-20T10:15:30Z"],
    ["2026-12-31T23:59:59.999Z", "ceil", "2027-01-01T00:00:00Z"],
  ] as const)("%s rounded %s is %s", (instant, round, expected) => {
    expect(isoSeconds(Date.parse(instant), round)).toBe(expected);
  });
});
