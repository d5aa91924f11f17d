import { systemClock, type Clock } from "../clock";

/** A clock that reads `instant` now and then moves with `base` (wall time): `graph-sim --at`. */
export function clockStartingAt(instant: Date, base: Clock = systemClock): Clock {
  const offset = instant.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** An ISO 8601 instant with a zone (`2026-01-12T08:00:00Z`); a zoneless time would depend on the machine. */
export function parseInstant(text: string): Date | undefined {
  if (!ISO_INSTANT.test(text)) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
