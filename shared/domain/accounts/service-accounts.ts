import { PLAN_EXCLUSION_DAYS, type Placement } from "../cohort/coverage";
import { LEGACY_CLIENT_APPS } from "../defaults";
import type { ServiceAccountAction } from "../plan/plan-schema";

/**
 * Service accounts in a people's population: accounts a program signs in with a password. They
 * cannot do MFA (ROPC and legacy protocols cannot show a prompt; Microsoft's ROPC page: "not
 * compatible with multifactor authentication"), so they belong under a workload identity or a
 * dedicated policy, not in a wave. The decision is from evidence; a name is only a hint.
 */

/** The thresholds of the classifier, each tested on both sides. */
export const SERVICE_ACCOUNT_RULES = Object.freeze({
  /** Attempts needed before a usage pattern counts as evidence at all. */
  minAttempts: 10,
  /**
   * "At all hours": the longest stretch of whole UTC hours with no sign-in, around the clock, is
   * at most this. A person sleeps: their sign-ins leave a quiet night far longer than this.
   */
  maxQuietHours: 6,
});

/** How far back the evidence is read. */
export const SERVICE_ACCOUNT_LOOKBACK = "P7D";

const LEGACY = new Set(LEGACY_CLIENT_APPS.map((name) => name.toLowerCase()));
const NAME_HINT = /(^|[-_.])svc([-_.]|$)|service|no-?reply|daemon|robot|batch|scanner/i;

/** The fields of a sign-in row the classifier reads (v1.0 fields; authenticationProtocol is beta). */
export interface UsageRow {
  userId?: string | null;
  correlationId?: string | null;
  id?: string | null;
  createdDateTime?: string | null;
  clientAppUsed?: string | null;
  isInteractive?: boolean | null;
  authenticationProtocol?: string | null;
  deviceDetail?: { browser?: string | null; deviceId?: string | null } | null;
}

export type ClientKind = "legacy" | "ropc" | "mfaCapable" | "other";

/**
 * What a row's client can do. Legacy authentication by clientAppUsed; ROPC by the beta
 * `authenticationProtocol: "ropc"` or, in v1.0 rows, a desktop-client row that names neither a
 * client library nor a device (an MSAL-based app and a browser both identify themselves).
 */
export function clientKind(row: UsageRow): { kind: ClientKind; label: string } {
  const client = row.clientAppUsed ?? "";
  if (LEGACY.has(client.toLowerCase())) return { kind: "legacy", label: `${client} (legacy authentication)` };
  if (row.authenticationProtocol?.toLowerCase() === "ropc")
    return { kind: "ropc", label: "ROPC (password only)" };
  const browser = row.deviceDetail?.browser ?? "";
  const device = row.deviceDetail?.deviceId ?? "";
  if (client === "Mobile Apps and Desktop clients" && browser === "" && device === "") {
    return { kind: "ropc", label: "ROPC (password only, no client or device named)" };
  }
  if (row.isInteractive !== false && (client === "Browser" || client === "Mobile Apps and Desktop clients")) {
    return { kind: "mfaCapable", label: client };
  }
  return { kind: "other", label: client || "unknown client" };
}

export interface UsageProfile {
  attempts: number;
  /** Attempts through a client that cannot answer a prompt (legacy, ROPC). */
  passwordOnly: number;
  /** Attempts through an interactive client that can show an MFA prompt. */
  mfaCapable: number;
  /** Attempts per UTC hour of the day, 24 entries. */
  hours: number[];
  /** The client labels seen, for the evidence line. */
  clients: string[];
}

/** Usage profiles of the given users from sign-in rows; rows of one correlation are one attempt. */
export function profileUsage(rows: Iterable<UsageRow>, userIds: Iterable<string>): Map<string, UsageProfile> {
  const fold = createUsageFold(userIds);
  fold.add(rows);
  return fold.profiles;
}

/**
 * The same, page by page, so a week of a large population's sign-ins is never held at once.
 * With `candidatesOnly`, a user is forgotten (profile and attempts seen) at their first attempt
 * that is not password-only, since mayBeServiceAccount can never hold for them again: `profiles`
 * then holds only users who may be service accounts, and what a week of sign-ins leaves in memory
 * grows with those few accounts instead of with every correlation id of the population.
 */
export function createUsageFold(
  userIds: Iterable<string>,
  options: { candidatesOnly?: boolean } = {},
): {
  add(rows: Iterable<UsageRow>): void;
  profiles: Map<string, UsageProfile>;
} {
  const wanted = new Set<string>();
  for (const id of userIds) wanted.add(id.toLowerCase());
  const seen = new Map<string, Set<string>>();
  const profiles = new Map<string, UsageProfile>();
  const add = (row: UsageRow): void => {
    const userId = row.userId?.toLowerCase();
    if (!userId || !wanted.has(userId)) return;
    const key = row.correlationId ?? row.id ?? "";
    const attempts = seen.get(userId) ?? new Set<string>();
    seen.set(userId, attempts);
    if (key !== "" && attempts.has(key)) return;
    const { kind, label } = clientKind(row);
    if (options.candidatesOnly && kind !== "legacy" && kind !== "ropc") {
      wanted.delete(userId);
      seen.delete(userId);
      profiles.delete(userId);
      return;
    }
    if (key !== "") attempts.add(key);
    const profile = profiles.get(userId) ?? {
      attempts: 0,
      passwordOnly: 0,
      mfaCapable: 0,
      hours: new Array<number>(24).fill(0),
      clients: [],
    };
    profiles.set(userId, profile);
    profile.attempts++;
    if (kind === "legacy" || kind === "ropc") profile.passwordOnly++;
    if (kind === "mfaCapable") profile.mfaCapable++;
    if (!profile.clients.includes(label)) profile.clients.push(label);
    const at = Date.parse(row.createdDateTime ?? "");
    if (Number.isFinite(at)) {
      const hour = new Date(at).getUTCHours();
      profile.hours[hour] = (profile.hours[hour] ?? 0) + 1;
    }
  };
  return {
    add: (rows) => {
      for (const row of rows) add(row);
    },
    profiles,
  };
}

/** The longest run of hours without a sign-in, going round midnight. 24 when there are none. */
export function longestQuietHours(hours: readonly number[]): number {
  if (hours.every((n) => n === 0)) return 24;
  let longest = 0;
  let run = 0;
  for (let i = 0; i < 48; i++) {
    run = (hours[i % 24] ?? 0) === 0 ? run + 1 : 0;
    longest = Math.max(longest, Math.min(run, 23));
  }
  return longest;
}

export interface AccountFacts {
  userId: string;
  userPrincipalName?: string;
  displayName?: string;
  /** Has any MFA method registered (userRegistrationDetails). */
  hasMethod: boolean;
  usage: UsageProfile | undefined;
}

export interface ServiceAccountEvidence {
  attempts: number;
  passwordOnlyAttempts: number;
  mfaCapableAttempts: number;
  longestQuietHours: number;
  clients: string[];
  hasMethod: boolean;
  nameHint: boolean;
}

export interface ServiceAccountVerdict {
  userId: string;
  userPrincipalName?: string;
  serviceAccount: boolean;
  /** One line an admin can check against the sign-in log. */
  evidence: string;
  facts: ServiceAccountEvidence;
}

/**
 * A service account: enough attempts, every one password-only (ROPC or legacy), never an
 * MFA-capable interactive client, no registered method, and sign-ins around the clock. A
 * service-like name may stand in for the around-the-clock pattern, never for the rest: a person on
 * an old mail client during office hours is a readiness hold-back, not a service account.
 */
export function classifyAccount(account: AccountFacts): ServiceAccountVerdict {
  const usage = account.usage;
  const nameHint =
    NAME_HINT.test((account.userPrincipalName ?? "").split("@")[0] ?? "") ||
    NAME_HINT.test(account.displayName ?? "");
  const facts: ServiceAccountEvidence = {
    attempts: usage?.attempts ?? 0,
    passwordOnlyAttempts: usage?.passwordOnly ?? 0,
    mfaCapableAttempts: usage?.mfaCapable ?? 0,
    longestQuietHours: usage ? longestQuietHours(usage.hours) : 24,
    clients: usage?.clients ?? [],
    hasMethod: account.hasMethod,
    nameHint,
  };
  const aroundTheClock = facts.longestQuietHours <= SERVICE_ACCOUNT_RULES.maxQuietHours;
  const serviceAccount = mayBeServiceAccount(usage, account.hasMethod) && (aroundTheClock || nameHint);
  return {
    userId: account.userId,
    ...(account.userPrincipalName ? { userPrincipalName: account.userPrincipalName } : {}),
    serviceAccount,
    evidence: describe(facts),
    facts,
  };
}

function describe(f: ServiceAccountEvidence): string {
  const parts = [
    `${f.passwordOnlyAttempts} of ${f.attempts} sign-in attempts password-only (${f.clients.join(", ") || "none"})`,
    f.mfaCapableAttempts === 0
      ? "never an MFA-capable client"
      : `${f.mfaCapableAttempts} from MFA-capable clients`,
    f.longestQuietHours <= SERVICE_ACCOUNT_RULES.maxQuietHours
      ? `at all hours (longest quiet stretch ${f.longestQuietHours} h)`
      : `quiet for ${f.longestQuietHours} h a day`,
    f.hasMethod ? "has an MFA method" : "no MFA method registered",
  ];
  if (f.nameHint) parts.push("named like a service account");
  return parts.join("; ");
}

/** The reason held-back and excluded service accounts carry, as the plan's handling says. */
export const SERVICE_ACCOUNT_REASON = "service account — move to a workload identity or a dedicated policy";

/** Whether the evidence could make this a service account once its name is known. */
export function mayBeServiceAccount(usage: UsageProfile | undefined, hasMethod: boolean): boolean {
  return (
    usage !== undefined &&
    usage.attempts >= SERVICE_ACCOUNT_RULES.minAttempts &&
    usage.passwordOnly === usage.attempts &&
    usage.mfaCapable === 0 &&
    !hasMethod
  );
}

/**
 * What the plan's `serviceAccounts` setting does to each one: hold (held back, no retry date, so
 * only an admin's retry moves them), exclude (a time-boxed exclusion), include (like people).
 */
export function serviceAccountPlacements(
  action: ServiceAccountAction,
  accounts: readonly { userId: string }[],
  at: string,
): Placement[] {
  if (action === "include") return [];
  if (action === "hold") {
    return accounts.map((a) => ({ userId: a.userId, stage: "heldBack", reason: SERVICE_ACCOUNT_REASON }));
  }
  const expires = new Date(Date.parse(at) + PLAN_EXCLUSION_DAYS * 86_400_000).toISOString();
  return accounts.map((a) => ({
    userId: a.userId,
    stage: "excluded",
    reason: SERVICE_ACCOUNT_REASON,
    exclusionExpiresAt: expires,
  }));
}
