import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import type { Plan } from "../domain";
import {
  enforcedPolicy,
  GraphRequestError,
  policyFingerprint,
  reportOnlyPolicy,
  requireMfaControls,
  type GraphGateway,
} from "../graph";
import type { RolloutRecord } from "../store";

export type PolicyRole = "reportOnly" | "enforced";
export const POLICY_ROLES: readonly PolicyRole[] = ["reportOnly", "enforced"];

/** Where the rollout row keeps each managed policy's id and fingerprint. */
export const POLICY_FIELDS = {
  reportOnly: { id: "reportOnlyPolicyId", fingerprint: "reportOnlyPolicyFingerprint" },
  enforced: { id: "enforcedPolicyId", fingerprint: "enforcedPolicyFingerprint" },
} as const;

export type PolicyState =
  | { role: PolicyRole; id: string | undefined; status: "unchanged"; policy: ConditionalAccessPolicy }
  | { role: PolicyRole; id: string | undefined; status: "edited"; policy: ConditionalAccessPolicy }
  | { role: PolicyRole; id: string | undefined; status: "deleted" };

/**
 * Each managed policy as Graph has it now, compared with the fingerprint the rollout stored. Both
 * come from one list call: Conditional Access allows about one call per second per tenant.
 */
export async function readPolicyStates(graph: GraphGateway, record: RolloutRecord): Promise<PolicyState[]> {
  const states: PolicyState[] = [];
  const ids = POLICY_ROLES.map((role) => record[POLICY_FIELDS[role].id]).filter(
    (id): id is string => typeof id === "string" && id !== "",
  );
  const current = await graph.getPolicies(ids);
  for (const role of POLICY_ROLES) {
    const id = record[POLICY_FIELDS[role].id];
    const policy = id ? current.get(id.toLowerCase()) : undefined;
    if (!policy) {
      states.push({ role, id, status: "deleted" });
      continue;
    }
    const same = policyFingerprint(policy) === record[POLICY_FIELDS[role].fingerprint];
    states.push({ role, id, status: same ? "unchanged" : "edited", policy });
  }
  return states;
}

/** Lower-cased member ids, or undefined when the group itself is gone (404). */
export async function readMemberIds(graph: GraphGateway, groupId: string): Promise<Set<string> | undefined> {
  const ids = new Set<string>();
  try {
    await graph.listGroupMemberIds(groupId, (page) => {
      for (const id of page) ids.add(id.toLowerCase());
    });
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 404) return undefined;
    throw error;
  }
  return ids;
}

/** Of these user ids, the ones the directory no longer has (lower-cased). */
export async function deletedUsers(graph: GraphGateway, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const { missing } = await graph.getUsers(userIds);
  return new Set(missing.map((id) => id.toLowerCase()));
}

/**
 * The two policies exactly as setup writes them, for recreating one that was deleted. Built from
 * the same template functions with the same inputs (the rollout's groups, population and
 * break-glass accounts); a copied policy's controls are read again from its source.
 */
export async function managedPolicyDefinition(
  graph: GraphGateway,
  role: PolicyRole,
  rolloutId: string,
  plan: Plan,
  record: RolloutRecord,
): Promise<ConditionalAccessPolicy> {
  if (!record.enforcedGroupId || !record.excludedGroupId) {
    throw new Error(`rollout ${rolloutId} has no managed groups: setup has not completed`);
  }
  const copyFrom = "copyFrom" in plan.policy ? plan.policy.copyFrom : undefined;
  const common = {
    enforcedGroupId: record.enforcedGroupId,
    excludedGroupId: record.excludedGroupId,
    breakGlassUserIds: plan.breakGlass,
    controls: copyFrom ? await graph.policyControlsFrom(copyFrom) : requireMfaControls(),
  };
  if (role === "enforced") return enforcedPolicy({ ...common, displayName: `${rolloutId} (enforced)` });
  return reportOnlyPolicy({
    ...common,
    displayName: `${rolloutId} (report-only)`,
    population: {
      includeGroups: plan.population.groupIds ?? [],
      includeUsers: plan.population.userIds ?? [],
    },
  });
}

/** Break-glass accounts must stay excluded: a policy edited to include one is never adopted. */
export function breakGlassExcluded(policy: ConditionalAccessPolicy, breakGlass: readonly string[]): boolean {
  const excluded = new Set((policy.conditions?.users?.excludeUsers ?? []).map((id) => id.toLowerCase()));
  return breakGlass.every((id) => excluded.has(id.toLowerCase()));
}
