/** Attempts before a notification is given up (and audited as failed): about half an hour in all. */
export const MAX_ATTEMPTS = 6;
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 30 * 60_000;

/** The wait after the n-th failed attempt (1-based): 1, 2, 4, 8, 16 minutes, capped. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_DELAY_MS);
}

/** How long a deliverer holds a row it is sending; after that another may try (a crash mid-send). */
export const CLAIM_MS = 2 * 60_000;
