/**
 * Wilson score interval for a proportion: unlike the textbook p ± z·√(p(1−p)/n) it stays inside
 * [0, 1] and behaves with zero failures or tiny samples, which is exactly where gates live.
 */
export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
}

export function wilsonInterval(successes: number, trials: number, z: number): ProportionInterval {
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(trials) ||
    successes < 0 ||
    trials < 0 ||
    successes > trials
  ) {
    throw new RangeError(
      `wilson interval needs whole numbers 0 <= successes <= trials, got ${successes}/${trials}`,
    );
  }
  return wilsonOfCounts(successes, trials, z);
}

/**
 * The same interval for effective counts, which need not be whole numbers: a cohort's attempts
 * scaled down by their design effect (cluster-robust.ts).
 */
export function wilsonIntervalOfEffective(successes: number, trials: number, z: number): ProportionInterval {
  if (!(Number.isFinite(successes) && Number.isFinite(trials) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`wilson interval needs 0 <= successes <= trials, got ${successes}/${trials}`);
  }
  return wilsonOfCounts(successes, trials, z);
}

function wilsonOfCounts(successes: number, trials: number, z: number): ProportionInterval {
  if (trials === 0) return { estimate: 0, lower: 0, upper: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Clamp away floating dust so 0/n has lower exactly 0 and n/n upper exactly 1.
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
