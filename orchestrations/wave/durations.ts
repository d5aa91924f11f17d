import { Duration } from "luxon";

/** Plans carry ISO 8601 durations; a malformed one is a plan validation bug, so fail loudly. */
export function parseDurationMs(iso: string): number {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) throw new Error(`invalid ISO 8601 duration "${iso}"`);
  return duration.as("milliseconds");
}
