import { DEFAULT_ATTRIBUTION, type AttributionThresholds } from "../defaults";
import { describeCluster, parseClusterKey } from "../signins/cluster-key";
import type { SignInCounters } from "../signins/sign-in-counters";
import { isBrokenBeyondNoise } from "../stats/broken-rate-evidence";

export interface UntestedCluster {
  /** The cluster key (app | client | platform). */
  key: string;
  attempts: number;
  /** "Contoso Invoicing on iOS: 1 attempt in the bake — watching" */
  text: string;
}

export interface UntestedInput {
  /** The wave's attempts in the bake (held-back users included: their attempts tested the app). */
  bake: SignInCounters;
  /** The rate attribution measures against (the enforced wave's, checkHealth). */
  expectedRate: number;
  /** The hold-back evidence bar of the plan (errorBudget(...).holdBack). */
  evidence: { alpha: number; brokenRate: number };
  thresholds?: AttributionThresholds;
}

/**
 * App × client × platform combinations the bake saw too rarely to judge: even had every one of
 * their attempts failed, attribution would not have called them broken (fewer failures than
 * minUserFailures, or a likelihood ratio short of the bar). An admin sees what the bake has not
 * tested yet; the watch goes on testing it. Fewest attempts first.
 */
export function untestedClusters(input: UntestedInput): UntestedCluster[] {
  const t = input.thresholds ?? DEFAULT_ATTRIBUTION;
  const pooled = new Map<string, number>();
  let cells = 0;
  for (const tally of Object.values(input.bake.users)) {
    cells += Math.max(1, Object.keys(tally.byCluster).length);
    for (const [key, [n]] of Object.entries(tally.byCluster)) pooled.set(key, (pooled.get(key) ?? 0) + n);
  }
  const judgeable = (n: number) =>
    n >= t.minUserFailures &&
    input.expectedRate < input.evidence.brokenRate &&
    isBrokenBeyondNoise(n, n, {
      baseRate: input.expectedRate,
      brokenRate: input.evidence.brokenRate,
      alpha: input.evidence.alpha,
      candidates: Math.max(1, cells),
    });
  return [...pooled]
    .filter(([, n]) => n > 0 && !judgeable(n))
    .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1))
    .map(([key, attempts]) => ({
      key,
      attempts,
      text: `${describeCluster(parseClusterKey(key))}: ${attempts} attempt${attempts === 1 ? "" : "s"} in the bake — watching`,
    }));
}
