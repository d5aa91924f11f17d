import type { SignIn } from "@microsoft/microsoft-graph-types";
import type { FailureSpread } from "../../../../shared/domain/gates/spread-failure";
import {
  createCounters,
  emptySummary,
  emptyTally,
  type SignInCounters,
  type TallySummary,
  type UserTally,
} from "../../../../shared/domain";
import { createUsersFold } from "../../../../shared/ingest";

export const POLICY = "11111111-2222-4333-8444-555555555555";

/** A user id from a small number, readable in failures: u(7) → 00000000-0000-4000-8000-000000000007. */
export function u(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export interface SignInSpec {
  user: number | string;
  code?: number;
  app?: string;
  client?: string;
  os?: string;
  reportOnly?: "reportOnlySuccess" | "reportOnlyFailure" | "reportOnlyInterrupted" | "reportOnlyNotApplied";
  policyId?: string;
  /** Rows of one attempt share a correlation id; without one, each row is an attempt of its own. */
  correlation?: string;
  /** createdDateTime; default noon on 6 January 2026, as Graph writes it (seven fractional digits). */
  at?: string;
  interactive?: boolean;
}

let rows = 0;

/** A correlation id from a small number: c(3) → 00000000-0000-4000-8000-c00000000003. */
export function c(n: number): string {
  return `00000000-0000-4000-8000-c${n.toString(16).padStart(11, "0")}`;
}

export function signIn(spec: SignInSpec): SignIn {
  rows += 1;
  return {
    id: `s-${rows}`,
    createdDateTime: spec.at ?? "2026-01-06T12:00:00.0000000Z",
    correlationId: spec.correlation ?? `00000000-0000-4000-8000-f${rows.toString(16).padStart(11, "0")}`,
    ...(spec.interactive === undefined ? {} : { isInteractive: spec.interactive }),
    userId: typeof spec.user === "number" ? u(spec.user) : spec.user,
    appDisplayName: spec.app ?? "Office 365",
    clientAppUsed: spec.client ?? "Browser",
    status: { errorCode: spec.code ?? 0 },
    deviceDetail: { operatingSystem: spec.os ?? "Windows10" },
    appliedConditionalAccessPolicies: spec.reportOnly
      ? [{ id: spec.policyId ?? POLICY, displayName: "rollout (report-only)", result: spec.reportOnly }]
      : [],
  };
}

/** `times` copies of one sign-in spec. */
export function many(times: number, spec: SignInSpec): SignInSpec[] {
  return Array.from({ length: times }, () => spec);
}

/** Every 6 January 2026 attempt of the specs' users, counted by a sign-in fold. */
export function countersOf(specs: SignInSpec[], policyId: string | null = POLICY): SignInCounters {
  const counters = createCounters(policyId);
  const users = specs.map((spec) => (typeof spec.user === "number" ? u(spec.user) : spec.user));
  const fold = createUsersFold(counters, users, {
    from: Date.parse("2026-01-06T00:00:00Z"),
    until: Date.parse("2026-01-07T00:00:00Z"),
  });
  fold.addPage(specs.map(signIn));
  fold.finish();
  return counters;
}

export const INVOICING_IOS = {
  app: "Contoso Invoicing",
  client: "Mobile Apps and Desktop clients",
  os: "iOS",
} as const;

/** 10 sign-ins per user, with one MFA failure per user every `failEvery` users (background noise). */
export function normalDay(ids: string[], failEvery = 10): SignInSpec[] {
  return ids.flatMap((id, i) => [
    ...many(9, { user: id }),
    i % failEvery === 0 ? { user: id, code: 500121 } : { user: id },
  ]);
}

/** A cohort's summary of `signIns` attempts, `failures` failed, over a user per ten attempts. */
export function summary(signIns: number, failures: number, extra: Partial<TallySummary> = {}): TallySummary {
  return { ...emptySummary(), users: Math.max(1, Math.ceil(signIns / 10)), signIns, failures, ...extra };
}

/** 30 of 90 attempts refused (500121), over 6 users and 3 clusters, none holding more than a third. */
export const SPREAD_REFUSALS: FailureSpread = Object.freeze({
  attempts: 90,
  terminalFailures: 30,
  effective: { attempts: 90, terminalFailures: 30 },
  usersWithTerminalFailures: 6,
  maxTerminalFailuresOfOneUser: 5,
  failures: 30,
  maxFailuresOfOneCluster: 10,
  clustersWithFailures: 3,
  code: 500121,
});

/** A user's tally by hand: `cells` maps app key → [attempts, failed attempts], failures ending on `code`. */
export function tallyOf(cells: Record<string, [number, number]>, code = 50074): UserTally {
  const t = emptyTally();
  for (const [key, [n, f]] of Object.entries(cells)) {
    t.attempts += n;
    t.failures += f;
    t.byCluster[key] = [n, f];
    if (f > 0) t.failureCodes[String(code)] = (t.failureCodes[String(code)] ?? 0) + f;
  }
  return t;
}

/** Counters holding these users' tallies. */
export function countersOfTallies(users: [string, UserTally][]): SignInCounters {
  return { v: 1, policyId: null, users: Object.fromEntries(users), skipped: 0 };
}
