import type { UserTally } from "../domain";

/**
 * A UserTally as the counters table stores it. One is stored per user per window, so the names
 * are short; rows already in the tables are read back as they were written, so this shape and its
 * key order (which JSON.stringify keeps) are the stored format and do not change with the domain's.
 */
export interface StoredTally {
  /** attempts */
  n: number;
  /** failures */
  f: number;
  /** serviceFailures */
  e: number;
  /** legacyAttempts */
  l: number;
  /** reportOnly */
  ro: [number, number, number, number];
  /** failureCodes */
  codes: Record<string, number>;
  /** byCluster */
  c: Record<string, [number, number]>;
}

/** A control cohort only ever feeds summaries: its tallies keep the counts, not the clusters. */
export type SlimTally = [
  attempts: number,
  failures: number,
  serviceFailures: number,
  legacyAttempts: number,
  reportOnlySuccess: number,
  reportOnlyFailure: number,
  reportOnlyInterrupted: number,
  reportOnlyNotApplied: number,
];

/** The stored form of a tally; it shares the tally's arrays and records, so write it out at once. */
export function toStoredTally(t: UserTally): StoredTally {
  return {
    n: t.attempts,
    f: t.failures,
    e: t.serviceFailures,
    l: t.legacyAttempts,
    ro: t.reportOnly,
    codes: t.failureCodes,
    c: t.byCluster,
  };
}

export function fromStoredTally(s: StoredTally): UserTally {
  return {
    attempts: s.n,
    failures: s.f,
    serviceFailures: s.e,
    legacyAttempts: s.l,
    reportOnly: s.ro,
    failureCodes: s.codes,
    byCluster: s.c,
  };
}

export function toSlimTally(t: UserTally): SlimTally {
  const [success, failure, interrupted, notApplied] = t.reportOnly;
  return [
    t.attempts,
    t.failures,
    t.serviceFailures,
    t.legacyAttempts,
    success,
    failure,
    interrupted,
    notApplied,
  ];
}

export function fromSlimTally([
  attempts,
  failures,
  serviceFailures,
  legacyAttempts,
  success,
  failure,
  interrupted,
  notApplied,
]: SlimTally): UserTally {
  return {
    attempts,
    failures,
    serviceFailures,
    legacyAttempts,
    reportOnly: [success, failure, interrupted, notApplied],
    failureCodes: {},
    byCluster: {},
  };
}
