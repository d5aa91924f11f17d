import type { WireRetryOptions } from "./actions";

/**
 * The delay before the next attempt, as the Durable Task RetryInterceptor computes it:
 * first × coefficient^(n−1) for the n-th failure, capped at maxRetryInterval. Zero means "no
 * more retries" (retryTimeout elapsed since the first attempt).
 */
export function nextRetryDelayMs(
  options: WireRetryOptions,
  failedAttempts: number,
  firstAttemptAt: Date,
  now: Date,
): number {
  const timeout = options.retryTimeoutInMilliseconds;
  if (timeout !== undefined && timeout > 0 && now.getTime() >= firstAttemptAt.getTime() + timeout) return 0;
  const coefficient = options.backoffCoefficient ?? 1;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(coefficient, failedAttempts - 1);
  const cap = options.maxRetryIntervalInMilliseconds;
  if (cap !== undefined && cap > 0 && delay > cap) return cap;
  return Math.max(0, Math.round(delay));
}
