import type { ConditionalAccessPolicy, SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../../../local/clock";
import { createSimTenant } from "../../../../../local/graph-sim/tenant/create-tenant";
import type { SimTenant } from "../../../../../local/graph-sim/tenant/tenant-port";

/** Well-known group ids written in the clean scenario. */
export const GROUPS = {
  allStaff: "a11c0000-5a1f-4c0d-9e00-000000000001",
  itPilot: "a11c0000-5a1f-4c0d-9e00-000000000002",
  planners: "a11c0000-5a1f-4c0d-9e00-000000000003",
  salesAndFinance: "a11c0000-5a1f-4c0d-9e00-000000000004",
  emergencyAccess: "a11c0000-5a1f-4c0d-9e00-000000000005",
};
export const INVOICING = "c0a7050f-1a5e-4b1c-9a7e-10c0ffee0001";
export const DAY = 86_400_000;
export const START = "2026-01-05T00:00:00Z";

export interface Rollout {
  tenant: SimTenant;
  clock: ManualClock;
  enforcedGroupId: string;
  reportOnly: ConditionalAccessPolicy;
  enforced: ConditionalAccessPolicy;
}

function mfaPolicy(name: string, state: string, users: object): ConditionalAccessPolicy {
  return {
    displayName: name,
    state,
    conditions: { users, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  } as ConditionalAccessPolicy;
}

/** The rollout objects of DESIGN.md, created at day 0 + `atDay` on a fresh tenant. */
export function startRollout(
  scenario: string | Record<string, unknown>,
  seed: number | string = 7,
  atDay = 1,
): Rollout {
  const clock = new ManualClock(new Date(Date.parse(START) + atDay * DAY));
  const tenant = createSimTenant({ scenario, seed, clock });
  const group = tenant.createGroup({
    displayName: "CA rollout R – enforced",
    mailNickname: "ca-rollout-r-enforced",
    mailEnabled: false,
    securityEnabled: true,
  });
  const reportOnly = tenant.createPolicy(
    mfaPolicy("R (report-only)", "enabledForReportingButNotEnforced", {
      includeGroups: [GROUPS.allStaff],
      excludeGroups: [group.id, GROUPS.emergencyAccess],
    }),
  );
  const enforced = tenant.createPolicy(
    mfaPolicy("R (enforced)", "enabled", {
      includeGroups: [group.id],
      excludeGroups: [GROUPS.emergencyAccess],
    }),
  );
  return { tenant, clock, enforcedGroupId: group.id!, reportOnly, enforced };
}

export function collect(
  tenant: SimTenant,
  fromIso: string | Date,
  toIso: string | Date,
  userIds?: string[],
): SignIn[] {
  return [
    ...tenant.signIns({
      from: new Date(fromIso),
      to: new Date(toIso),
      userIds: userIds ? new Set(userIds) : undefined,
    }),
  ];
}

export function resultOf(signIn: SignIn, policyId: string | null | undefined): string | undefined {
  return signIn.appliedConditionalAccessPolicies?.find((p) => p.id === policyId)?.result ?? undefined;
}

export function at(day: number, hour = 0, minute = 0): Date {
  return new Date(Date.parse(START) + day * DAY + hour * 3_600_000 + minute * 60_000);
}

/** Sign-ins as JSON lines: comparing thousands of these is fast where a deep toEqual is not. */
export function lines(list: readonly SignIn[]): string[] {
  return list.map((s) => JSON.stringify(s));
}

/** A scenario without the everyday noise (wrong passwords, abandoned prompts, declined pushes). */
export function quiet(name: string): Record<string, unknown> {
  return {
    name: `${name} (quiet)`,
    extends: name,
    behaviour: { wrongPasswordShare: 0, abandonedPromptShare: 0, deniedPushShare: 0 },
  };
}

/** Rows grouped into attempts by correlationId, each oldest first. */
export function attemptsOf(list: readonly SignIn[]): SignIn[][] {
  const byCorrelation = new Map<string, SignIn[]>();
  for (const s of list) {
    const rows = byCorrelation.get(s.correlationId!) ?? [];
    rows.push(s);
    byCorrelation.set(s.correlationId!, rows);
  }
  return [...byCorrelation.values()].map((rows) =>
    rows.sort((a, b) => (a.createdDateTime! < b.createdDateTime! ? -1 : 1)),
  );
}

/** Codes of an attempt's rows, oldest first, e.g. "50074,0". */
export function codes(attempt: readonly SignIn[]): string {
  return attempt.map((s) => s.status?.errorCode).join(",");
}

/** Attempts that did not end with a token, leaving out wrong passwords (not the rollout's doing). */
export function failedAttempts(list: readonly SignIn[]): SignIn[][] {
  return attemptsOf(list).filter((a) => {
    const code = a.at(-1)!.status?.errorCode;
    return code !== 0 && code !== 50126;
  });
}
