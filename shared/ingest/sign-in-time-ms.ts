import { isSevenDigitUtc } from "../domain/signins/sign-in-time";

// Ingest, not the domain: the day cache below is module state, kept across calls so a log read
// day by day parses each day once.

/** The last day signInTimeMs read ("YYYY-MM-DD" as YYYYMMDD) and its start in ms. */
let cachedDay = -1;
let cachedDayMs = 0;

/**
 * A createdDateTime in ms (NaN if unreadable), exactly as Date.parse reads it, but without its
 * cost for Graph's own spelling ("2026-01-06T08:15:42.1234567Z", read straight from the digits;
 * the day from a cache, as a log's rows come day by day): counting needs every row's time. Any
 * other text goes to Date.parse.
 */
export function signInTimeMs(text: string | null | undefined): number {
  if (typeof text !== "string") return Number.NaN;
  if (!isSevenDigitUtc(text) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return Date.parse(text);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Date.parse(text);
  // Each digit's value; `bad` turns negative once a character is none (d < 0 or d > 9).
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const mo0 = text.charCodeAt(5) - 48;
  const mo1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48;
  const h1 = text.charCodeAt(12) - 48;
  const mi0 = text.charCodeAt(14) - 48;
  const mi1 = text.charCodeAt(15) - 48;
  const s0 = text.charCodeAt(17) - 48;
  const s1 = text.charCodeAt(18) - 48;
  const f0 = text.charCodeAt(20) - 48;
  const f1 = text.charCodeAt(21) - 48;
  const f2 = text.charCodeAt(22) - 48;
  const f3 = text.charCodeAt(23) - 48;
  const f4 = text.charCodeAt(24) - 48;
  const f5 = text.charCodeAt(25) - 48;
  const f6 = text.charCodeAt(26) - 48;
  const bad =
    y0 |
    y1 |
    y2 |
    y3 |
    mo0 |
    mo1 |
    d0 |
    d1 |
    h0 |
    h1 |
    mi0 |
    mi1 |
    s0 |
    s1 |
    f0 |
    f1 |
    f2 |
    f3 |
    f4 |
    f5 |
    f6 |
    (9 - y0) |
    (9 - y1) |
    (9 - y2) |
    (9 - y3) |
    (9 - mo0) |
    (9 - mo1) |
    (9 - d0) |
    (9 - d1) |
    (9 - h0) |
    (9 - h1) |
    (9 - mi0) |
    (9 - mi1) |
    (9 - s0) |
    (9 - s1) |
    (9 - f0) |
    (9 - f1) |
    (9 - f2) |
    (9 - f3) |
    (9 - f4) |
    (9 - f5) |
    (9 - f6);
  if (bad < 0) return Date.parse(text);
  const hours = h0 * 10 + h1;
  const minutes = mi0 * 10 + mi1;
  const seconds = s0 * 10 + s1;
  // Hour 24, leap seconds and the like: Date.parse decides.
  if (hours > 23 || minutes > 59 || seconds > 59) return Date.parse(text);
  const day = (((y0 * 10 + y1) * 10 + y2) * 10 + y3) * 10_000 + (mo0 * 10 + mo1) * 100 + d0 * 10 + d1;
  if (day !== cachedDay) {
    // The day as Date.parse reads it (which days of which months it takes is its business).
    const dayMs = Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
    if (Number.isNaN(dayMs)) return Number.NaN;
    cachedDay = day;
    cachedDayMs = dayMs;
  }
  // Date.parse keeps milliseconds and drops the rest of the fraction.
  return cachedDayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + f0 * 100 + f1 * 10 + f2;
}
