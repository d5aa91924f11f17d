import type { SignIn } from "@microsoft/microsoft-graph-types";
import { LEGACY_CLIENT_APPS, MFA_FAILURE_CODES, SERVICE_ERROR_CODES } from "../defaults";
import { normalizeId } from "../plan/guid";
import { clusterKeyOf } from "./cluster-key";
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

/**
 * Slot of a report-only result, by rank: with no policy id one result per sign-in counts and the
 * most alarming wins (failure, then interrupted, success, not applied). A switch rather than a
 * lookup object: this runs for every applied policy of every sign-in, and a plain object would
 * also answer for inherited names such as "constructor".
 */
function slotOf(result: string | null | undefined): 0 | 1 | 2 | 3 | undefined {
  switch (result) {
    case "reportOnlySuccess":
      return 0;
    case "reportOnlyFailure":
      return 1;
    case "reportOnlyInterrupted":
      return 2;
    case "reportOnlyNotApplied":
      return 3;
    default:
      return undefined;
  }
}
const SLOT_RANK = [2, 0, 1, 3] as const;

/**
 * Whether a client is legacy authentication. clientAppUsed takes a handful of values, so the
 * answer is remembered per spelling instead of lower-casing a string for every sign-in; the memo is
 * bounded in case a log carries unexpected variety.
 */
const legacyMemo = new Map<string, boolean>();
function isLegacyClient(clientApp: string): boolean {
  let legacy = legacyMemo.get(clientApp);
  if (legacy === undefined) {
    legacy = LEGACY.has(clientApp.toLowerCase());
    if (legacyMemo.size >= 1_000) legacyMemo.clear();
    legacyMemo.set(clientApp, legacy);
  }
  return legacy;
}

/**
 * normalizeId without the copy: Graph returns lower-case ids, and a fresh lower-cased copy per
 * sign-in would also have to be hashed afresh for each table it is looked up in.
 */
function lowerCaseId(id: string): string {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 65 && c <= 90) return normalizeId(id);
  }
  return id;
}

/**
 * Cluster keys by app, client and platform. A log names few of each, so this hands back the same
 * key string every time instead of building and hashing a new 60-character one per sign-in (the
 * largest cost of counting before it). Bounded: emptied past MAX_CACHED_KEYS.
 */
const clusterKeys = new Map<string, Map<string, Map<string, string>>>();
const MAX_CACHED_KEYS = 10_000;
let cachedKeys = 0;
function cachedClusterKey(app: string, clientApp: string, platform: string): string {
  let byClient = clusterKeys.get(app);
  if (!byClient) clusterKeys.set(app, (byClient = new Map()));
  let byPlatform = byClient.get(clientApp);
  if (!byPlatform) byClient.set(clientApp, (byPlatform = new Map()));
  let key = byPlatform.get(platform);
  if (key === undefined) {
    if (cachedKeys >= MAX_CACHED_KEYS) {
      clusterKeys.clear();
      cachedKeys = 0;
    }
    key = clusterKeyOf(app, clientApp, platform);
    byPlatform.set(platform, key);
    cachedKeys++;
  }
  return key;
}

/**
 * Adds one sign-in, in place (a copy per sign-in would cost more than the counting). This is the
 * inner loop of every gate over millions of sign-ins (bench/gate-throughput.ts holds it to within
 * 25% of JSON.parse), so it allocates nothing per sign-in beyond what a new user or cluster needs.
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
  const code = signIn.status?.errorCode ?? 0;
  // Success (0) is most sign-ins and is in neither list.
  const mfaFailure = code !== 0 && MFA_CODES.has(code);
  const serviceFailure = code !== 0 && SERVICE_CODES.has(code);

  tally.n += 1;
  if (mfaFailure) tally.f += 1;
  if (serviceFailure) tally.e += 1;
  if (mfaFailure || serviceFailure) tally.codes[code] = (tally.codes[code] ?? 0) + 1;

  const clientApp = signIn.clientAppUsed ?? "unknown client";
  if (isLegacyClient(clientApp)) tally.l += 1;

  const slot = reportOnlySlot(counters.policyId, signIn.appliedConditionalAccessPolicies);
  if (slot !== undefined) tally.ro[slot] += 1;

  const key = cachedClusterKey(
    signIn.appDisplayName || signIn.appId || "unknown app",
    clientApp,
    signIn.deviceDetail?.operatingSystem || "unknown platform",
  );
  const cell = (tally.c[key] ??= [0, 0]);
  cell[0] += 1;
  if (mfaFailure) cell[1] += 1;
  return counters;
}

function reportOnlySlot(
  policyId: string | null,
  applied: SignIn["appliedConditionalAccessPolicies"],
): 0 | 1 | 2 | 3 | undefined {
  if (!applied) return undefined;
  let best: 0 | 1 | 2 | 3 | undefined;
  for (const policy of applied) {
    if (policyId !== null && policy.id !== policyId && !(policy.id && normalizeId(policy.id) === policyId)) {
      continue;
    }
    const slot = slotOf(policy.result);
    if (slot !== undefined && (best === undefined || SLOT_RANK[slot] < SLOT_RANK[best])) best = slot;
  }
  return best;
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
