import type {
  ConditionalAccessConditionSet,
  ConditionalAccessGrantControls,
  ConditionalAccessPolicy,
  ConditionalAccessSessionControls,
} from "@microsoft/microsoft-graph-types";
import { assertGuid, assertGuids } from "./guid";

/** What a rollout enforces: everything of a policy except who it applies to and its state. */
export interface PolicyControls {
  /** Conditions other than `users` (applications, clientAppTypes, platforms, ...). */
  conditions: Omit<ConditionalAccessConditionSet, "users">;
  grantControls: ConditionalAccessGrantControls;
  sessionControls?: ConditionalAccessSessionControls | null;
}

/** The first template: require MFA for all cloud apps, from every client type. */
export function requireMfaControls(): PolicyControls {
  return {
    conditions: { applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  };
}

/**
 * Copies an existing policy's controls (e.g. a policy the tenant already runs in report-only),
 * leaving its users aside: the rollout decides who is in scope.
 */
export function controlsFromPolicy(policy: ConditionalAccessPolicy): PolicyControls {
  if (!policy.conditions || !policy.grantControls) {
    throw new Error(`policy ${policy.id ?? "?"} has no conditions or grantControls to copy`);
  }
  const { users: _users, ...conditions } = policy.conditions;
  const copy = structuredClone({ conditions, grantControls: policy.grantControls });
  return {
    conditions: stripNulls(copy.conditions),
    grantControls: stripNulls(copy.grantControls),
    ...(policy.sessionControls
      ? { sessionControls: stripNulls(structuredClone(policy.sessionControls)) }
      : {}),
  };
}

export interface Population {
  /** Group ids, or none. */
  includeGroups?: readonly string[];
  /** User ids, or ["All"]. Prefer groups: long GUID lists can hit the policy size limit. */
  includeUsers?: readonly string[];
}

export interface RolloutPolicyInput {
  displayName: string;
  enforcedGroupId: string;
  excludedGroupId: string;
  /** Emergency-access accounts: excluded from both policies, always. At least one. */
  breakGlassUserIds: readonly string[];
  controls?: PolicyControls;
}

/**
 * The report-only policy: covers the whole population so every user is observed before they are
 * enforced, and steps aside (exclusion) once a user is in the enforced or excluded group.
 */
export function reportOnlyPolicy(
  input: RolloutPolicyInput & { population: Population },
): ConditionalAccessPolicy {
  const includeGroups = assertGuids(input.population.includeGroups ?? [], "population group id");
  const includeUsers = (input.population.includeUsers ?? []).map((u) =>
    u === "All" ? "All" : assertGuid(u, "population user id"),
  );
  if (includeGroups.length === 0 && includeUsers.length === 0) {
    throw new TypeError("the report-only policy needs a population: includeGroups or includeUsers");
  }
  return build(input, "enabledForReportingButNotEnforced", includeGroups, includeUsers, [
    assertGuid(input.enforcedGroupId, "enforcedGroupId"),
    assertGuid(input.excludedGroupId, "excludedGroupId"),
  ]);
}

/** The enforced policy: applies to the enforced group only, minus exclusions and break-glass. */
export function enforcedPolicy(input: RolloutPolicyInput): ConditionalAccessPolicy {
  return build(
    input,
    "enabled",
    [assertGuid(input.enforcedGroupId, "enforcedGroupId")],
    [],
    [assertGuid(input.excludedGroupId, "excludedGroupId")],
  );
}

function build(
  input: RolloutPolicyInput,
  state: "enabled" | "enabledForReportingButNotEnforced",
  includeGroups: string[],
  includeUsers: string[],
  excludeGroups: string[],
): ConditionalAccessPolicy {
  if (input.displayName.trim() === "") throw new TypeError("policy displayName must not be empty");
  const breakGlass = [...new Set(assertGuids(input.breakGlassUserIds, "break-glass user id"))];
  if (breakGlass.length === 0) {
    throw new TypeError("at least one break-glass account must be excluded from every rollout policy");
  }
  const controls = input.controls ?? requireMfaControls();
  return {
    displayName: input.displayName,
    state,
    conditions: {
      ...structuredClone(controls.conditions),
      users: { includeUsers, includeGroups, excludeUsers: breakGlass, excludeGroups },
    },
    grantControls: structuredClone(controls.grantControls),
    ...(controls.sessionControls ? { sessionControls: structuredClone(controls.sessionControls) } : {}),
  };
}

/** Graph answers with many explicit nulls; sending them back on create is noise at best. */
function stripNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripNulls) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === null || key.startsWith("@odata.")) continue;
      out[key] = stripNulls(v);
    }
    return out as T;
  }
  return value;
}
