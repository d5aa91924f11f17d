import { oneSidedZ } from "./normal-quantile";
import { wilsonInterval, type ProportionInterval } from "./wilson";

export interface Proportion {
  /** Events (failures). */
  x: number;
  /** Trials (sign-ins). */
  n: number;
}

/**
 * Interval for p1 − p2 by Newcombe's hybrid score method (1998, method 10): built from the two
 * Wilson intervals, it keeps good coverage with rare events and unequal sample sizes (a wave of
 * 40 users against a control of 4,000), where the Wald difference interval fails badly.
 * `z` sets the width: twoSidedZ(0.95) for a 95% interval, oneSidedZ(c) for one-sided bounds.
 */
export function newcombeInterval(a: Proportion, b: Proportion, z: number): ProportionInterval {
  return newcombeOfIntervals(wilsonInterval(a.x, a.n, z), wilsonInterval(b.x, b.n, z));
}

/** Newcombe's combination of two single-proportion intervals into one for their difference. */
export function newcombeOfIntervals(
  first: ProportionInterval,
  second: ProportionInterval,
): ProportionInterval {
  const d = first.estimate - second.estimate;
  return {
    estimate: d,
    lower: d - Math.sqrt((first.estimate - first.lower) ** 2 + (second.upper - second.estimate) ** 2),
    upper: d + Math.sqrt((first.upper - first.estimate) ** 2 + (second.estimate - second.lower) ** 2),
  };
}

/**
 * One-sided bounds on the excess failure rate of `observed` over `reference`: with probability
 * `confidence` the true excess is above `lower`, and (separately) below `upper`.
 */
export function excessRateBounds(
  observed: Proportion,
  reference: Proportion,
  confidence: number,
): ProportionInterval {
  return newcombeInterval(observed, reference, oneSidedZ(confidence));
}
