import type { SignIn } from "@microsoft/microsoft-graph-types";
import { normalizeId } from "../plan/guid";
import { emptyFacts, readFacts, reportOnlySlot, type SignInFacts } from "./sign-in-facts";
import { emptyTally, type UserTally } from "./user-tally";

/**
 * A streaming accumulator over sign-ins: feed pages one sign-in at a time, keep only per-user
 * tallies (memory grows with users, not sign-ins), merge partial results, store as JSON.
 */
export interface SignInCounters {
  v: 1;
  /** The report-only policy whose results are counted; null counts any report-only result. */
  policyId: string | null;
  users: Record<string, UserTally>;
  /** Sign-ins without a user id (cannot be attributed). */
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
    if (c >= 65 && c <= 90) return normalizeId(id);
  }
  return id;
}

/**
 * Adds one sign-in, in place (a copy per sign-in would cost more than the counting); it allocates
 * nothing per sign-in beyond what a new user or cluster needs. Gate reads, which fold millions of
 * sign-ins into several windows, use createSignInFold (sign-in-fold.ts), which counts the same.
 */
export function addSignIn(counters: SignInCounters, signIn: SignIn): SignInCounters {
  if (!signIn.userId) {
    counters.skipped += 1;
    return counters;
  }
  // Keys are stored lower-case, so a hit needs no case check; only a miss (a new user, or an
  // upper-case spelling) looks at the case.
  const tally =
    counters.users[signIn.userId] ?? (counters.users[lowerCaseId(signIn.userId)] ??= emptyTally());
  countSignIn(
    tally,
    readFacts(signIn, scratch),
    reportOnlySlot(counters.policyId, signIn.appliedConditionalAccessPolicies),
  );
  return counters;
}
const scratch = emptyFacts();

/** Adds one sign-in, described by its facts and its report-only slot, to a user's tally. */
export function countSignIn(tally: UserTally, facts: SignInFacts, slot: 0 | 1 | 2 | 3 | undefined): void {
  const { code, mfaFailure, serviceFailure, cluster } = facts;
  tally.n += 1;
  if (mfaFailure) tally.f += 1;
  if (serviceFailure) tally.e += 1;
  if (mfaFailure || serviceFailure) tally.codes[code] = (tally.codes[code] ?? 0) + 1;
  if (cluster.legacy) tally.l += 1;
  if (slot !== undefined) tally.ro[slot] += 1;
  const cell = (tally.c[cluster.key] ??= [0, 0]);
  cell[0] += 1;
  if (mfaFailure) cell[1] += 1;
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
