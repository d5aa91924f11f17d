import fc from "fast-check";
import { signInTimeMs } from "../../../../shared/ingest/sign-in-time-ms";

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
