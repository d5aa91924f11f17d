/**
 * A seeded generator (mulberry32) and the few distributions the bake simulation draws from, so a
 * simulated error rate is the same on every machine and every run.
 */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  poisson(mean: number): number;
  /** Log-normal with the given median and log-scale spread: heavy-tailed attempts per user. */
  logNormal(median: number, sigma: number): number;
  /** Gamma with integer shape `k` and mean 1 (Erlang): spread of users' own failure propensity. */
  erlangMeanOne(k: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      // Knuth's product method: exact, and fast for the small means of one user's six hours.
      const limit = Math.exp(-mean);
      let k = 0;
      let product = next();
      while (product > limit) {
        k += 1;
        product *= next();
      }
      return k;
    },
    logNormal(median, sigma) {
      return median * Math.exp(sigma * normal());
    },
    erlangMeanOne(k) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum -= Math.log(1 - next());
      return sum / k;
    },
  };
}
