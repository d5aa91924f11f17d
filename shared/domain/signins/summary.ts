import { addClusterCounts, type ClusterMoments } from "../stats/cluster-robust";
import { parseClusterKey, type Cluster } from "./cluster-key";
import type { SignInCounters } from "./sign-in-counters";

/** A cohort's window of sign-ins reduced to the numbers the gates compare. */
export interface TallySummary {
  /** Users with at least one sign-in. */
  users: number;
  signIns: number;
  /** MFA-related failures. */
  failures: number;
  serviceFailures: number;
  usersWithFailures: number;
  usersWithServiceFailures: number;
  /** The largest number of service failures of a single user (one broken client vs an outage). */
  maxServiceFailuresOfOneUser: number;
  reportOnly: { success: number; failure: number; interrupted: number; notApplied: number };
  /**
   * Per-user spread of sign-ins and failures, so bounds can treat one user's attempts as
   * correlated. Absent (a summary built by hand), the sign-ins are taken as independent.
   */
  clusters?: ClusterMoments;
}

export function summarize(counters: SignInCounters): TallySummary {
  const clusters: ClusterMoments = { users: 0, n: 0, f: 0, nn: 0, ff: 0, nf: 0 };
  const summary: TallySummary = {
    users: 0,
    signIns: 0,
    failures: 0,
    serviceFailures: 0,
    usersWithFailures: 0,
    usersWithServiceFailures: 0,
    maxServiceFailuresOfOneUser: 0,
    reportOnly: { success: 0, failure: 0, interrupted: 0, notApplied: 0 },
    clusters,
  };
  for (const tally of Object.values(counters.users)) {
    if (tally.attempts === 0) continue;
    addClusterCounts(clusters, tally.attempts, tally.failures);
    summary.users += 1;
    summary.signIns += tally.attempts;
    summary.failures += tally.failures;
    summary.serviceFailures += tally.serviceFailures;
    if (tally.failures > 0) summary.usersWithFailures += 1;
    if (tally.serviceFailures > 0) summary.usersWithServiceFailures += 1;
    summary.maxServiceFailuresOfOneUser = Math.max(
      summary.maxServiceFailuresOfOneUser,
      tally.serviceFailures,
    );
    summary.reportOnly.success += tally.reportOnly[0];
    summary.reportOnly.failure += tally.reportOnly[1];
    summary.reportOnly.interrupted += tally.reportOnly[2];
    summary.reportOnly.notApplied += tally.reportOnly[3];
  }
  return summary;
}

/**
 * The per-user spread of a summary; without one, or with one that does not add up to its totals
 * (a summary edited by hand), its sign-ins as independent trials.
 */
export function clusterMomentsOfSummary(summary: TallySummary): ClusterMoments {
  const c = summary.clusters;
  if (c && c.n === summary.signIns && c.f === summary.failures) return c;
  return { users: 0, n: summary.signIns, f: summary.failures, nn: 0, ff: 0, nf: 0 };
}

export function emptySummary(): TallySummary {
  return summarize({ v: 1, policyId: null, users: {}, skipped: 0 });
}

export interface ClusterTotal extends Cluster {
  key: string;
  signIns: number;
  failures: number;
  users: number;
}

/** Sign-ins and MFA failures per app × client × platform, most failures first (for status pages). */
export function clusterTotals(counters: SignInCounters): ClusterTotal[] {
  const totals = new Map<string, ClusterTotal>();
  for (const tally of Object.values(counters.users)) {
    for (const [key, [n, f]] of Object.entries(tally.byCluster)) {
      const total = totals.get(key) ?? { key, ...parseClusterKey(key), signIns: 0, failures: 0, users: 0 };
      total.signIns += n;
      total.failures += f;
      total.users += 1;
      totals.set(key, total);
    }
  }
  return [...totals.values()].sort((a, b) => b.failures - a.failures || (a.key < b.key ? -1 : 1));
}
