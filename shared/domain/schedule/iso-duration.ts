import { Duration } from "luxon";

/**
 * Plans carry ISO 8601 durations (PT1H, P7D, P1W). Calendar units (months, years) are converted
 * with luxon's casual matrix (a month is 30 days): plans are about hours and days, and a fixed
 * length keeps every calculation independent of the calendar.
 */
export function parseIsoDuration(iso: string): Duration {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) throw new Error(`invalid ISO 8601 duration "${iso}" (expected e.g. PT1H, P7D)`);
  return duration;
}

/** Length of an ISO 8601 duration in milliseconds; throws a clear error on a malformed one. */
export function isoDurationMs(iso: string): number {
  return parseIsoDuration(iso).as("milliseconds");
}

/** `null` when the text is not an ISO 8601 duration, for validators that collect problems. */
export function tryIsoDurationMs(iso: string): number | null {
  const duration = Duration.fromISO(iso);
  return duration.isValid ? duration.as("milliseconds") : null;
}

/** The instant `iso` after `instant`, as an ISO string in UTC (no time zone: durations are fixed lengths). */
export function addIsoDuration(instant: Date | string, iso: string): string {
  const start = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(start.getTime())) throw new Error(`invalid instant "${String(instant)}"`);
  return new Date(start.getTime() + isoDurationMs(iso)).toISOString();
}
