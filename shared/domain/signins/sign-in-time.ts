/**
 * Whether a sign-in's createdDateTime lies in [from, to] (ms, both inclusive). Graph writes
 * sign-in times at whole seconds in UTC ("2026-01-06T18:59:59Z"); such a time is in the window
 * exactly when its text sorts between the bounds rounded inward to whole seconds, so the common
 * case is two string comparisons instead of a Date.parse per sign-in (every gate read runs this
 * for every sign-in). Any other spelling (fractions, offsets) is parsed; a missing or unreadable
 * time is outside every window.
 */
export function createdTimeTest(
  from: number,
  to: number,
): (createdDateTime: string | null | undefined) => boolean {
  const lo = isoSeconds(from, "ceil");
  const hi = isoSeconds(to, "floor");
  return (text) => {
    if (typeof text !== "string") return false;
    if (isWholeSecondUtc(text)) return text >= lo && text <= hi;
    const at = Date.parse(text);
    return at >= from && at <= to;
  };
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
