import { normalizeId } from "../plan/guid";
import type { UserTally } from "./user-tally";

/**
 * Per-user tallies of sign-in attempts over a window (memory grows with users, not sign-ins),
 * stored as JSON. Filled by a sign-in fold (sign-in-fold.ts), which groups rows into attempts.
 */
export interface SignInCounters {
  v: 1;
  /** The report-only policy whose results are counted; null counts any report-only result. */
  policyId: string | null;
  users: Record<string, UserTally>;
  /** Sign-ins without a user id (cannot be attributed). Kept for stored windows; folds pass them over. */
  skipped: number;
}

export function createCounters(policyId: string | null = null): SignInCounters {
  return { v: 1, policyId: policyId === null ? null : normalizeId(policyId), users: {}, skipped: 0 };
}

/**
 * normalizeId without the copy: Graph returns lower-case ids, and a fresh lower-cased copy per
 * sign-in would also have to be hashed afresh for each table it is looked up in.
 */
export function lowerCaseId(id: string): string {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    // Beyond ASCII, which letters are upper-case is toLowerCase's business (as in sameId).
    if ((c >= 65 && c <= 90) || c >= 128) return normalizeId(id);
  }
  return id;
}

/** The tallies of some users only (a wave, a control cohort); users without sign-ins are absent. */
export function pickUsers(counters: SignInCounters, userIds: Iterable<string>): SignInCounters {
  const users: Record<string, UserTally> = {};
  for (const id of userIds) {
    const tally = counters.users[normalizeId(id)];
    if (tally) users[normalizeId(id)] = tally;
  }
  return { v: 1, policyId: counters.policyId, users, skipped: 0 };
}
