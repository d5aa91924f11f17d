/**
 * What we keep per user from a window of sign-ins: a handful of numbers, never the sign-ins.
 * Every count is of sign-in ATTEMPTS (the rows of one correlation, see sign-in-fold.ts), not rows.
 * The counters table stores it in a compact form of its own (shared/store/stored-tally.ts).
 */
export interface UserTally {
  /** Attempts that reached MFA or completed (attempts with only a wrong password are not counted). */
  attempts: number;
  /** Attempts that ended at the MFA requirement: a terminal code, or a prompt nothing completed. */
  failures: number;
  /** Attempts that ended on a service error (SERVICE_ERROR_CODES): an outage signal, not the user's fault. */
  serviceFailures: number;
  /** Attempts from legacy-authentication clients, which cannot answer an MFA prompt. */
  legacyAttempts: number;
  /** Report-only results of the rollout's policy, per attempt: [success, failure, interrupted, notApplied]. */
  reportOnly: [success: number, failure: number, interrupted: number, notApplied: number];
  /** Code a failed attempt ended on → attempts, for MFA and service codes only. */
  failureCodes: Record<string, number>;
  /** Cluster key (app | client | platform) → [attempts, failed attempts]. A user touches few clusters. */
  byCluster: Record<string, [attempts: number, failures: number]>;
}

export function emptyTally(): UserTally {
  return {
    attempts: 0,
    failures: 0,
    serviceFailures: 0,
    legacyAttempts: 0,
    reportOnly: [0, 0, 0, 0],
    failureCodes: {},
    byCluster: {},
  };
}

/** The most frequent failure code of a tally among `codes` (ties: the lower code), or null. */
export function dominantCode(tally: UserTally, among?: readonly number[]): number | null {
  let best: [number, number] | null = null;
  for (const [text, count] of Object.entries(tally.failureCodes)) {
    const code = Number(text);
    if (among && !among.includes(code)) continue;
    if (!best || count > best[1] || (count === best[1] && code < best[0])) best = [code, count];
  }
  return best ? best[0] : null;
}
