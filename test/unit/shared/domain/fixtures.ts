import type { SignIn } from "@microsoft/microsoft-graph-types";
import { addSignIn, createCounters, type SignInCounters } from "../../../../shared/domain";

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
}

export function signIn(spec: SignInSpec): SignIn {
  return {
    id: `s-${Math.abs(JSON.stringify(spec).length)}`,
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

export function countersOf(specs: SignInSpec[], policyId: string | null = POLICY): SignInCounters {
  const counters = createCounters(policyId);
  for (const spec of specs) addSignIn(counters, signIn(spec));
  return counters;
}
