/** Bounds for throttling and transient-error retries. */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** First backoff step when Graph gives no Retry-After (Conditional Access 429s never do). */
  baseDelayMs: number;
  /** Cap on one backoff step. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not slept through: the caller is told to come back later. */
  maxRetryAfterMs: number;
}

/**
 * Conditional Access allows about one request per second per tenant, so the first step is a
 * second and steps double from there; six retries span about a minute, which an activity can wait.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 7,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 300_000,
};

/** Statuses Graph documents as "try again": throttled, unavailable, gateway timeout. */
export function isThrottleStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/** Retry-After is delta-seconds or an HTTP date; anything else is ignored (backoff applies). */
export function parseRetryAfterMs(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/**
 * "Equal jitter" backoff for retry number `retry` (1-based): half the exponential step is fixed,
 * half is random. The fixed half guarantees the doubling a per-tenant limit needs; the random half
 * keeps parallel activities from retrying in lock-step.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (step / 2) * r);
}

/** A seeded generator (mulberry32) so tests and rehearsals get the same jitter every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
