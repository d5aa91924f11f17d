import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import { SimGraphError } from "./tenant-port";
import { mergePolicyPatch, normalisePolicy } from "./policy-validation";

/** Graph's documented per-tenant limit; report-only and disabled policies count too. */
export const MAX_POLICIES = 195;

interface PolicyVersion {
  /** Effective for instants strictly after `at` (same rule as the membership log). */
  readonly at: number;
  readonly policy: ConditionalAccessPolicy;
}

interface PolicyRecord {
  readonly id: string;
  readonly versions: PolicyVersion[];
  deletedAt?: number;
}

function notFound(id: string): SimGraphError {
  return new SimGraphError(404, "NotFound", `Conditional Access policy '${id}' was not found.`);
}

/** Conditional Access policies with every version kept, so a past sign-in sees the policy as it was. */
export class PolicyStore {
  private readonly records = new Map<string, PolicyRecord>();
  private liveCount = 0;
  private firstEnabled = Infinity;

  constructor(private readonly newId: () => string) {}

  list(): ConditionalAccessPolicy[] {
    const out: ConditionalAccessPolicy[] = [];
    for (const r of this.records.values()) if (r.deletedAt === undefined) out.push(r.versions.at(-1)!.policy);
    return out;
  }

  get(id: string): ConditionalAccessPolicy | undefined {
    const r = this.records.get(id.toLowerCase());
    return r && r.deletedAt === undefined ? r.versions.at(-1)!.policy : undefined;
  }

  create(input: ConditionalAccessPolicy, at: number, fixedId?: string): ConditionalAccessPolicy {
    if (this.liveCount >= MAX_POLICIES) {
      throw new SimGraphError(
        400,
        "BadRequest",
        `The tenant already has the maximum of ${MAX_POLICIES} Conditional Access policies.`,
      );
    }
    const normalised = normalisePolicy(input);
    const id = (fixedId ?? this.newId()).toLowerCase();
    const stamp = new Date(at).toISOString();
    const policy = { ...normalised, id, createdDateTime: stamp, modifiedDateTime: stamp };
    this.records.set(id, { id, versions: [{ at, policy }] });
    this.liveCount++;
    if (policy.state === "enabled") this.firstEnabled = Math.min(this.firstEnabled, at);
    return policy;
  }

  patch(id: string, patch: ConditionalAccessPolicy, at: number): void {
    const record = this.records.get(id.toLowerCase());
    if (!record || record.deletedAt !== undefined) throw notFound(id);
    const current = record.versions.at(-1)!.policy;
    const normalised = normalisePolicy(mergePolicyPatch(current, patch));
    const policy = {
      ...normalised,
      id: current.id,
      createdDateTime: current.createdDateTime,
      modifiedDateTime: new Date(at).toISOString(),
    };
    record.versions.push({ at, policy });
    if (policy.state === "enabled") this.firstEnabled = Math.min(this.firstEnabled, at);
  }

  /**
   * When a policy was first enforced (Infinity if never): before it, no sign-in meets an MFA
   * prompt, so the sign-in generator need not look for answer rows.
   */
  firstEnabledAt(): number {
    return this.firstEnabled;
  }

  delete(id: string, at: number): void {
    const record = this.records.get(id.toLowerCase());
    if (!record || record.deletedAt !== undefined) throw notFound(id);
    record.deletedAt = at;
    this.liveCount--;
  }

  /** The policies that existed at instant `at`, each as it was then, in creation order. */
  atTime(at: number): ConditionalAccessPolicy[] {
    const out: ConditionalAccessPolicy[] = [];
    for (const r of this.records.values()) {
      if (r.deletedAt !== undefined && r.deletedAt < at) continue;
      const version = versionAt(r.versions, at);
      if (version) out.push(version.policy);
    }
    return out;
  }
}

function versionAt(versions: readonly PolicyVersion[], at: number): PolicyVersion | undefined {
  let lo = 0;
  let hi = versions.length - 1;
  let found: PolicyVersion | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = versions[mid]!;
    if (v.at < at) {
      found = v;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
