import type { SignIn } from "@microsoft/microsoft-graph-types";
import { LEGACY_CLIENT_APPS, MFA_FAILURE_CODES, SERVICE_ERROR_CODES } from "../defaults";
import { normalizeId } from "../plan/guid";
import { clusterKey } from "./cluster-key";
import { emptyTally, mergeTallies, type UserTally } from "./user-tally";

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

const MFA_CODES = new Set(MFA_FAILURE_CODES);
const SERVICE_CODES = new Set(SERVICE_ERROR_CODES);
const LEGACY = new Set(LEGACY_CLIENT_APPS.map((name) => name.toLowerCase()));

const REPORT_ONLY_SLOT: Record<string, 0 | 1 | 2 | 3> = {
  reportOnlySuccess: 0,
  reportOnlyFailure: 1,
  reportOnlyInterrupted: 2,
  reportOnlyNotApplied: 3,
};
/** With no policy id, one result per sign-in: the most alarming one wins. */
const SLOT_PRIORITY = [1, 2, 0, 3] as const;

/** Adds one sign-in, in place (a copy per sign-in would cost more than the counting). */
export function addSignIn(counters: SignInCounters, signIn: SignIn): SignInCounters {
  if (!signIn.userId) {
    counters.skipped += 1;
    return counters;
  }
  const userId = normalizeId(signIn.userId);
  const tally = (counters.users[userId] ??= emptyTally());
  const code = signIn.status?.errorCode ?? 0;
  const mfaFailure = MFA_CODES.has(code);

  tally.n += 1;
  if (mfaFailure) tally.f += 1;
  if (SERVICE_CODES.has(code)) tally.e += 1;
  if (mfaFailure || SERVICE_CODES.has(code)) tally.codes[code] = (tally.codes[code] ?? 0) + 1;

  const clientApp = signIn.clientAppUsed ?? "unknown client";
  if (LEGACY.has(clientApp.toLowerCase())) tally.l += 1;

  const slot = reportOnlySlot(counters.policyId, signIn);
  if (slot !== null) tally.ro[slot] += 1;

  const key = clusterKey({
    app: signIn.appDisplayName || signIn.appId || "unknown app",
    clientApp,
    platform: signIn.deviceDetail?.operatingSystem || "unknown platform",
  });
  const cell = (tally.c[key] ??= [0, 0]);
  cell[0] += 1;
  if (mfaFailure) cell[1] += 1;
  return counters;
}

function reportOnlySlot(policyId: string | null, signIn: SignIn): 0 | 1 | 2 | 3 | null {
  const slots = (signIn.appliedConditionalAccessPolicies ?? [])
    .filter((applied) => policyId === null || (applied.id ? normalizeId(applied.id) === policyId : false))
    .map((applied) => REPORT_ONLY_SLOT[applied.result ?? ""])
    .filter((slot): slot is 0 | 1 | 2 | 3 => slot !== undefined);
  return SLOT_PRIORITY.find((slot) => slots.includes(slot)) ?? null;
}

/** Sums two accumulators of the same policy (e.g. pages read by different activity runs). */
export function mergeCounters(a: SignInCounters, b: SignInCounters): SignInCounters {
  if (a.policyId !== b.policyId) {
    throw new Error(`cannot merge counters of policy ${a.policyId} with counters of policy ${b.policyId}`);
  }
  const users: Record<string, UserTally> = { ...a.users };
  for (const [userId, tally] of Object.entries(b.users)) {
    const existing = users[userId];
    users[userId] = existing ? mergeTallies(existing, tally) : tally;
  }
  return { v: 1, policyId: a.policyId, users, skipped: a.skipped + b.skipped };
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
