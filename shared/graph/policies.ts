import type { ConditionalAccessPolicy, ConditionalAccessUsers } from "@microsoft/microsoft-graph-types";
import type { GraphHttp } from "./graph-http";
import { requestError } from "./graph-http";
import { assertGuid, assertGuids } from "./guid";
import { forEachPage } from "./paging";
import type { GraphRequestCounts } from "./request-counters";

const POLICIES = "/identity/conditionalAccess/policies";

export interface EnsuredPolicy {
  id: string;
  displayName: string;
  state: string;
  foundBy: "storedId" | "displayName" | "created";
}

export async function getPolicy(
  http: GraphHttp,
  policyId: string,
  tally?: GraphRequestCounts,
): Promise<ConditionalAccessPolicy | undefined> {
  const path = `${POLICIES}/${assertGuid(policyId, "policyId")}`;
  const response = await http.send({ method: "GET", path }, tally ? { tally } : {});
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw requestError({ method: "GET", path }, response);
  return response.body as ConditionalAccessPolicy;
}

/**
 * Several policies in one Conditional Access call instead of one GET each: the list, picked by id
 * here. Graph documents `$filter` on this list but not which properties or operators it accepts
 * (https://learn.microsoft.com/graph/api/conditionalaccessroot-list-policies?view=graph-rest-1.0),
 * so `id eq 'a' or id eq 'b'` is not relied on; a tenant holds at most 195 policies, so the
 * unfiltered list is small. Ids missing from the answer were deleted.
 */
export async function getPolicies(
  http: GraphHttp,
  policyIds: readonly string[],
  tally?: GraphRequestCounts,
): Promise<Map<string, ConditionalAccessPolicy>> {
  const wanted = new Set(assertGuids(policyIds, "policyId").map((id) => id.toLowerCase()));
  const found = new Map<string, ConditionalAccessPolicy>();
  if (wanted.size === 0) return found;
  await forEachPage<ConditionalAccessPolicy>(
    http,
    POLICIES,
    (page) => {
      for (const policy of page) {
        const id = policy.id?.toLowerCase();
        if (id && wanted.has(id)) found.set(id, policy);
      }
    },
    tally ? { tally } : {},
  );
  return found;
}

/**
 * Finds the policy again (stored id, else exact displayName) or creates it. An existing policy is
 * returned as it is, never overwritten: whether an out-of-band edit is acceptable is the caller's
 * call (compare policyFingerprint). The list is filtered here, not with $filter: a tenant holds at
 * most 195 policies, and each Conditional Access call counts against ~1 request/s.
 */
export async function ensurePolicy(
  http: GraphHttp,
  definition: ConditionalAccessPolicy,
  options: { storedId?: string } = {},
  tally?: GraphRequestCounts,
): Promise<EnsuredPolicy> {
  const displayName = definition.displayName;
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw new TypeError("policy definition needs a displayName");
  }
  const send = tally ? { tally } : {};
  if (options.storedId !== undefined) {
    const existing = await getPolicy(http, options.storedId, tally);
    if (existing?.id) return summary(existing, "storedId");
  }
  const matches: ConditionalAccessPolicy[] = [];
  await forEachPage<ConditionalAccessPolicy>(
    http,
    POLICIES,
    (page) => {
      matches.push(...page.filter((p) => p.displayName === displayName));
    },
    send,
  );
  if (matches.length > 1) {
    throw new Error(
      `${matches.length} Conditional Access policies are named ${JSON.stringify(displayName)}; keep one and store its id`,
    );
  }
  if (matches[0]?.id) return summary(matches[0], "displayName");
  const response = await http.send(
    { method: "POST", path: POLICIES, body: definition },
    { ...send, idempotent: false },
  );
  if (response.status !== 201 && response.status !== 200)
    throw requestError({ method: "POST", path: POLICIES }, response);
  return summary(response.body as ConditionalAccessPolicy, "created");
}

export interface ExclusionUpdate {
  excludeUsers?: readonly string[];
  excludeGroups?: readonly string[];
}

/**
 * Replaces the policy's user/group exclusions (read, then PATCH the whole `conditions` back, so a
 * partial object can never blank out applications or the inclusions). Returns false when nothing
 * changed and no write was needed.
 */
export async function updatePolicyExclusions(
  http: GraphHttp,
  policyId: string,
  update: ExclusionUpdate,
  tally?: GraphRequestCounts,
): Promise<{ changed: boolean }> {
  const policy = await getPolicy(http, policyId, tally);
  if (!policy?.conditions) throw new Error(`Conditional Access policy ${policyId} not found`);
  const users: ConditionalAccessUsers = { ...policy.conditions.users };
  let changed = false;
  if (update.excludeUsers) {
    const next = [...new Set(assertGuids(update.excludeUsers, "excluded user id"))];
    changed ||= !sameSet(next, users.excludeUsers ?? []);
    users.excludeUsers = next;
  }
  if (update.excludeGroups) {
    const next = [...new Set(assertGuids(update.excludeGroups, "excluded group id"))];
    changed ||= !sameSet(next, users.excludeGroups ?? []);
    users.excludeGroups = next;
  }
  if (!changed) return { changed: false };
  const path = `${POLICIES}/${assertGuid(policyId, "policyId")}`;
  const body: ConditionalAccessPolicy = { conditions: { ...policy.conditions, users } };
  await http.sendOk({ method: "PATCH", path, body }, tally ? { tally } : {});
  return { changed: true };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const lower = new Set(b.map((x) => x.toLowerCase()));
  return a.length === lower.size && a.every((x) => lower.has(x.toLowerCase()));
}

function summary(policy: ConditionalAccessPolicy, foundBy: EnsuredPolicy["foundBy"]): EnsuredPolicy {
  return {
    id: assertGuid(policy.id, "policy id"),
    displayName: policy.displayName ?? "",
    state: policy.state ?? "",
    foundBy,
  };
}
