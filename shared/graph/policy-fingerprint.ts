import { createHash } from "node:crypto";
import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";

/**
 * A stable hash of what decides who must do MFA: state, users, applications, client app types and
 * grant controls. Stored when the rollout writes a policy; a different value later means someone
 * edited the policy out of band. Order of ids, key order, nulls and empty lists do not count
 * (Graph returns `excludeRoles: []` and nulls where we sent nothing).
 */
export function policyFingerprint(policy: ConditionalAccessPolicy): string {
  const relevant = {
    state: policy.state ?? null,
    users: policy.conditions?.users ?? null,
    applications: policy.conditions?.applications ?? null,
    clientAppTypes: policy.conditions?.clientAppTypes ?? null,
    grantControls: policy.grantControls ?? null,
  };
  return createHash("sha256")
    .update(JSON.stringify(canonical(relevant) ?? null))
    .digest("hex");
}

function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(canonical).filter((v) => v !== undefined);
    if (items.length === 0) return undefined;
    // Every list in these fields is a set (ids, "mfa", "all"): order carries no meaning.
    return items.map((v) => JSON.stringify(v)).sort();
  }
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key.startsWith("@odata.")) continue;
      const v = canonical((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return typeof value === "string" && /^[0-9a-f-]{36}$/i.test(value) ? value.toLowerCase() : value;
}
