/**
 * Always-valid bounds for a health gate that looks again and again at growing evidence.
 *
 * A fixed-sample 95% bound is wrong 5% of the time at each look; a gate that looks every six
 * hours for a week (28 looks, more with extensions and re-checks) would cry wolf far more often
 * than that. A confidence sequence holds at every look at once: the chance that it ever misses
 * the true value, however often and however long one looks, stays below 1 − confidence.
 *
 * This is the normal-mixture boundary (Robbins 1970; Howard, Ramdas, McAuliffe & Sekhon 2021,
 * "Time-uniform, nonparametric, nonasymptotic confidence sequences", eq. 14) in the asymptotic
 * form of Waudby-Smith, Arbour, Sinha, Kennedy & Ramdas ("Time-uniform central limit theory and
 * asymptotic confidence sequences", 2023, Theorem 2.2): estimate ± σ̂/√n · z(n) with
 *
 *   z(n)² = (nρ² + 1)/(nρ²) · ln((nρ² + 1)/α²),  α = 1 − confidence.
 *
 * It is chosen over alpha spending because it needs no planned number of looks: extensions,
 * shrinks and re-checks after a pause add looks the plan never counted, and the bound still holds.
 * The price is width: z is about 3 where a single look would use 1.96.
 */

/**
 * ρ² that makes the boundary tightest at `tightestAt` observations (Waudby-Smith et al. 2023,
 * eq. 12): ρ² = (−2 ln α + ln(−2 ln α + 1)) / n*. Tighter there means a little wider elsewhere.
 */
export function mixtureRhoSquared(alpha: number, tightestAt: number): number {
  assertAlpha(alpha);
  if (!(Number.isFinite(tightestAt) && tightestAt > 0))
    throw new RangeError(`tightestAt must be a positive number of observations, got ${tightestAt}`);
  const a = -2 * Math.log(alpha);
  return (a + Math.log(a + 1)) / tightestAt;
}

/**
 * The multiplier z(n) of σ̂/√n in the two-sided confidence sequence at level 1 − alpha after `n`
 * (effective) observations. It plays the part of Φ⁻¹(1 − α/2) in a fixed-sample interval, so it
 * can be handed to the Wilson and Newcombe intervals in place of a fixed z.
 */
export function alwaysValidZ(n: number, alpha: number, tightestAt: number): number {
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`n must be a positive number, got ${n}`);
  const nr = n * mixtureRhoSquared(alpha, tightestAt);
  return Math.sqrt(((nr + 1) / nr) * Math.log((nr + 1) / (alpha * alpha)));
}

function assertAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}
