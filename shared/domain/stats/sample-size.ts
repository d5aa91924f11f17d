import { oneSidedZ, twoSidedZ } from "./normal-quantile";

/**
 * Sign-ins needed so that a rate near `expectedRate` is known within ± `margin` at `confidence`
 * (normal approximation, the planning formula n = z²·p(1−p)/m²). Used to suggest minSignIns.
 */
export function minSampleSizeForMargin(expectedRate: number, margin: number, confidence: number): number {
  if (!(expectedRate >= 0 && expectedRate <= 1))
    throw new RangeError(`expected rate must be in [0, 1], got ${expectedRate}`);
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be in (0, 1), got ${margin}`);
  const z = twoSidedZ(confidence);
  return Math.ceil((z * z * expectedRate * (1 - expectedRate)) / (margin * margin) - 1e-9);
}

/**
 * Sign-ins needed per cohort to detect a rise from `baseRate` to `baseRate + excess` with a
 * one-sided test at `confidence` and the given `power` (pooled-variance two-proportion formula).
 */
export function minSampleSizeToDetect(
  baseRate: number,
  excess: number,
  confidence: number,
  power = 0.8,
): number {
  const p1 = baseRate;
  const p2 = baseRate + excess;
  if (!(p1 >= 0 && p2 <= 1 && excess > 0))
    throw new RangeError(`need 0 <= base < base + excess <= 1, got ${p1}, ${p2}`);
  const mean = (p1 + p2) / 2;
  const za = oneSidedZ(confidence);
  const zb = oneSidedZ(power);
  const n =
    (za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 /
    excess ** 2;
  return Math.ceil(n - 1e-9);
}
