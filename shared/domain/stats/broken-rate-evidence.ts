/**
 * Evidence that one user's attempts fail at a "broken" rate rather than at the base rate everyone
 * has: the log likelihood ratio of Wald's sequential probability ratio test,
 *
 *   ln Λ = f·ln(q₁/p₀) + (n − f)·ln((1 − q₁)/(1 − p₀)).
 *
 * Under the base rate (or any lower one) Λ is a nonnegative supermartingale with mean 1, so by
 * Ville's inequality it ever reaches 1/α with probability at most α — at any look, after any
 * number of attempts. That is what lets a gate that looks every six hours hold nobody back for
 * noise, while four attempts in a row that end at the prompt (q₁ = 0.5, p₀ = 4%) are enough.
 * A per-user likelihood ratio also needs no normal approximation, which a user with five
 * attempts would not support.
 */
export function brokenRateLogLikelihoodRatio(
  attempts: number,
  failures: number,
  baseRate: number,
  brokenRate: number,
): number {
  if (!(Number.isInteger(attempts) && Number.isInteger(failures) && failures >= 0 && failures <= attempts))
    throw new RangeError(`need whole numbers 0 <= failures <= attempts, got ${failures}/${attempts}`);
  if (!(baseRate >= 0 && baseRate < 1)) throw new RangeError(`base rate must be in [0, 1), got ${baseRate}`);
  if (!(brokenRate > baseRate && brokenRate < 1))
    throw new RangeError(`broken rate must be in (base rate, 1), got ${brokenRate} over ${baseRate}`);
  const successes = attempts - failures;
  const forFailures = failures === 0 ? 0 : failures * Math.log(brokenRate / baseRate);
  return forFailures + successes * Math.log((1 - brokenRate) / (1 - baseRate));
}

export interface BrokenRateTest {
  /** The rate everyone fails at without the rollout. */
  baseRate: number;
  /** The rate that means "broken for this user". */
  brokenRate: number;
  /** Chance of naming anyone for noise, shared by all `candidates` (Bonferroni). */
  alpha: number;
  /** How many users (or user × app cells) could have been named. */
  candidates: number;
}

/**
 * Are these attempts broken beyond what noise explains, for every look and every candidate at
 * once? A base rate at or above the broken rate leaves nothing to single out: never.
 */
export function isBrokenBeyondNoise(attempts: number, failures: number, test: BrokenRateTest): boolean {
  if (!(test.alpha > 0 && test.alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${test.alpha}`);
  if (!(Number.isInteger(test.candidates) && test.candidates >= 1))
    throw new RangeError(`candidates must be a whole number >= 1, got ${test.candidates}`);
  if (test.baseRate >= test.brokenRate) return false;
  const evidence = brokenRateLogLikelihoodRatio(attempts, failures, test.baseRate, test.brokenRate);
  return evidence >= Math.log(test.candidates / test.alpha);
}
