import type { TimeFormat } from "./zoned-time";

/**
 * What happens next to a held-back user, as the engine will do it: one held back by the
 * readiness gate has a date it is checked again (`retryAt`); one held back for failing under
 * enforcement has none and stays out until an admin's retry-held-back.
 */
export function heldBackFate(retryAt: string | undefined, time: TimeFormat): string {
  return retryAt ? `re-checked ${time(retryAt)}` : "waits for an admin's retry-held-back";
}
