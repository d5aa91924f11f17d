/**
 * Sign-in attempts are not independent: one user's phone, habits and bad day fail them again and
 * again. Counting every attempt as an independent trial lets a heavy user (hundreds of attempts)
 * carry a wave's evidence alone. The cure used here is the cluster-robust ("sandwich") variance
 * of the pooled rate with users as clusters (Liang & Zeger 1986; the CR1 small-sample factor
 * k/(k − 1)), turned into an effective sample size as Korn & Graubard (1998) do for survey
 * proportions: n_eff = p(1 − p) / Var̂(p). Intervals are then computed on (p·n_eff, n_eff).
 *
 * Chosen over capping each user's weight (which needs an arbitrary cap and throws away the data
 * of the very users who sign in most) and over counting users with failures (which cannot see a
 * rate rise among users who already had one failure). Attempts that behave independently keep
 * n_eff = n: the design effect is never allowed below 1, so clustering can only widen a bound.
 */

/** What a cohort's per-user counts reduce to: enough for the pooled rate and its robust variance. */
export interface ClusterMoments {
  /** Users with at least one attempt (the clusters). */
  users: number;
  /** Σ nᵢ attempts and Σ fᵢ failures. */
  n: number;
  f: number;
  /** Σ nᵢ², Σ fᵢ², Σ nᵢfᵢ over users. */
  nn: number;
  ff: number;
  nf: number;
}

export interface EffectiveProportion {
  /** Failures and attempts scaled down by the design effect (not whole numbers in general). */
  x: number;
  n: number;
  /** Var(robust) / Var(independent), at least 1. */
  designEffect: number;
}

export function clusterMomentsOf(counts: Iterable<readonly [n: number, f: number]>): ClusterMoments {
  const m: ClusterMoments = { users: 0, n: 0, f: 0, nn: 0, ff: 0, nf: 0 };
  for (const [n, f] of counts) addClusterCounts(m, n, f);
  return m;
}

/** Adds one user's attempts `n` and failures `f`, in place; a user without attempts is no cluster. */
export function addClusterCounts(m: ClusterMoments, n: number, f: number): void {
  if (n === 0) return;
  m.users += 1;
  m.n += n;
  m.f += f;
  m.nn += n * n;
  m.ff += f * f;
  m.nf += n * f;
}

/**
 * The pooled failure rate as an effective proportion. With fewer than two users, or a rate of 0
 * or 1, there is no spread to measure and the counts stand as they are.
 */
export function effectiveProportion(m: ClusterMoments): EffectiveProportion {
  if (!(m.n >= 0 && m.f >= 0 && m.f <= m.n && m.users >= 0))
    throw new RangeError(`cluster moments need 0 <= failures <= attempts, got ${m.f}/${m.n}`);
  const plain = { x: m.f, n: m.n, designEffect: 1 };
  if (m.users < 2 || m.f === 0 || m.f === m.n) return plain;
  const p = m.f / m.n;
  // Σ (fᵢ − p·nᵢ)², the squared residuals of each user's failures around the pooled rate.
  const residuals = Math.max(0, m.ff - 2 * p * m.nf + p * p * m.nn);
  const robust = ((m.users / (m.users - 1)) * residuals) / (m.n * m.n);
  const independent = (p * (1 - p)) / m.n;
  const designEffect = Math.max(1, robust / independent);
  return { x: m.f / designEffect, n: m.n / designEffect, designEffect };
}
