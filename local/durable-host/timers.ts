/** The extension's defaults, sent to the SDK in every orchestrator trigger. */
export const MAXIMUM_SHORT_TIMER_MS = 6 * 24 * 3600_000;
export const LONG_TIMER_INTERVAL_MS = 3 * 24 * 3600_000;
export const MAXIMUM_SHORT_TIMER_DURATION = "6.00:00:00";
export const LONG_RUNNING_TIMER_INTERVAL_DURATION = "3.00:00:00";

/**
 * Fire time of the next chunk of a durable timer: storage providers cap timers, so while more
 * than six days remain the host fires three-day chunks, each with its own sequence id.
 */
export function nextTimerChunk(finalFireAt: Date, now: Date): Date {
  const remaining = finalFireAt.getTime() - now.getTime();
  return remaining > MAXIMUM_SHORT_TIMER_MS ? new Date(now.getTime() + LONG_TIMER_INTERVAL_MS) : finalFireAt;
}

/** Whether the SDK models this timer as a chunked long timer (it compares at yield time). */
export function isLongTimer(finalFireAt: Date, now: Date): boolean {
  return finalFireAt.getTime() - now.getTime() > MAXIMUM_SHORT_TIMER_MS;
}
