/**
 * Whether a sign-in's createdDateTime lies in [from, to] (ms, both inclusive). Graph writes
 * sign-in times in UTC with seven fractional digits ("2020-03-13T19:15:41.6195833Z", the list
 * example of the signIn docs); texts of that one length sort as their times do, so such a time is
 * in the window exactly when its text sorts between the bounds written the same way, and the
 * common case is two string comparisons instead of a Date.parse per sign-in. Whole seconds
 * ("2026-01-06T18:59:59Z") compare with the bounds rounded inward. Any other spelling (other
 * fractions, offsets) is parsed; a missing or unreadable time is outside every window.
 */
export function createdTimeTest(
  from: number,
  to: number,
): (createdDateTime: string | null | undefined) => boolean {
  const lo = isoSeconds(from, "ceil");
  const hi = isoSeconds(to, "floor");
  const lo7 = isoSevenDigits(from);
  const hi7 = isoSevenDigits(to);
  return (text) => {
    if (typeof text !== "string") return false;
    if (isSevenDigitUtc(text)) return text >= lo7 && text <= hi7;
    if (isWholeSecondUtc(text)) return text >= lo && text <= hi;
    const at = Date.parse(text);
    return at >= from && at <= to;
  };
}

/** "YYYY-MM-DDThh:mm:ss.fffffffZ", Graph's own spelling of sign-in times. */
export function isSevenDigitUtc(text: string): boolean {
  return (
    text.length === 28 &&
    text.charCodeAt(27) === 90 &&
    text.charCodeAt(19) === 46 &&
    text.charCodeAt(10) === 84
  );
}

/** A millisecond instant as Graph spells sign-in times (the last four digits 0). */
function isoSevenDigits(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "0000Z");
}

/** "YYYY-MM-DDThh:mm:ssZ", the only spelling whose text order is its time order. */
function isWholeSecondUtc(text: string): boolean {
  return text.length === 20 && text.charCodeAt(19) === 90 /* Z */ && text.charCodeAt(10) === 84; /* T */
}

/** ISO text at whole seconds, rounded as asked (Graph's log filter is second-grained too). */
export function isoSeconds(ms: number, round: "floor" | "ceil"): string {
  const seconds = round === "floor" ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
