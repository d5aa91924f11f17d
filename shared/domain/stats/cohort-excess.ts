import { alwaysValidZ } from "./confidence-sequence";
import { effectiveProportion, type ClusterMoments } from "./cluster-robust";
import { newcombeOfIntervals } from "./rate-difference";
import { wilsonIntervalOfEffective, type ProportionInterval } from "./wilson";

/**
 * The excess failure rate of one cohort over another, with users as clusters: each cohort's rate
 * gets a Wilson interval on its effective sample (cluster-robust.ts), and Newcombe's method
 * combines the two.
 */
export interface CohortExcess extends ProportionInterval {
  /** Design effects of the observed and the reference cohort (1 = attempts behave independently). */
  designEffects: [observed: number, reference: number];
}

/** Bounds at a fixed z: right for one look, too narrow for many (use alwaysValidExcess then). */
export function clusteredExcess(
  observed: ClusterMoments,
  reference: ClusterMoments,
  z: number,
): CohortExcess {
  return excess(observed, reference, () => z);
}

/**
 * Bounds that hold at every look at once with probability at least 1 − alpha: each cohort's
 * interval uses the confidence-sequence multiplier for its own effective sample size.
 */
export function alwaysValidExcess(
  observed: ClusterMoments,
  reference: ClusterMoments,
  alpha: number,
  tightestAt: number,
): CohortExcess {
  return excess(observed, reference, (n) => (n > 0 ? alwaysValidZ(n, alpha, tightestAt) : 0));
}

function excess(
  observed: ClusterMoments,
  reference: ClusterMoments,
  zAt: (n: number) => number,
): CohortExcess {
  const a = effectiveProportion(observed);
  const b = effectiveProportion(reference);
  const interval = newcombeOfIntervals(
    wilsonIntervalOfEffective(a.x, a.n, zAt(a.n)),
    wilsonIntervalOfEffective(b.x, b.n, zAt(b.n)),
  );
  return { ...interval, designEffects: [a.designEffect, b.designEffect] };
}
