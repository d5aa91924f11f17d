import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import { MAX_POLICIES, PolicyStore } from "../../../../../local/graph-sim/tenant/policies";
import { SimGraphError } from "../../../../../local/graph-sim/tenant/tenant-port";

const GROUP = "a11c0000-5a1f-4c0d-9e00-000000000001";

function valid(overrides: Record<string, unknown> = {}): ConditionalAccessPolicy {
  return {
    displayName: "Require MFA",
    state: "enabledForReportingButNotEnforced",
    conditions: { users: { includeGroups: [GROUP] }, applications: { includeApplications: ["All"] } },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
    ...overrides,
  } as ConditionalAccessPolicy;
}

function newStore(): PolicyStore {
  let n = 0;
  return new PolicyStore(() => `00000000-0000-4000-8000-${String(n++).padStart(12, "0")}`);
}

function error400(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SimGraphError);
    expect((e as SimGraphError).status).toBe(400);
    return (e as Error).message;
  }
  throw new Error("expected a 400");
}

describe("PolicyStore validation", () => {
  const store = newStore();

  it.each([
    ["a bad state", valid({ state: "on" }), /state/],
    ["a missing displayName", valid({ displayName: "" }), /displayName/],
    ["no conditions", valid({ conditions: undefined }), /conditions is required/],
    [
      "no conditions.users",
      valid({ conditions: { applications: { includeApplications: ["All"] } } }),
      /conditions.users/,
    ],
    [
      "users that include nobody",
      valid({ conditions: { users: { excludeUsers: [] }, applications: { includeApplications: ["All"] } } }),
      /must include users, groups or roles/,
    ],
    [
      "a group that is not an id",
      valid({
        conditions: {
          users: { includeGroups: ["All staff"] },
          applications: { includeApplications: ["All"] },
        },
      }),
      /includeGroups/,
    ],
    ["no applications", valid({ conditions: { users: { includeUsers: ["All"] } } }), /applications/],
    [
      "an unknown clientAppType",
      valid({
        conditions: {
          users: { includeUsers: ["All"] },
          applications: { includeApplications: ["All"] },
          clientAppTypes: ["imap"],
        },
      }),
      /clientAppTypes/,
    ],
    ["a bad operator", valid({ grantControls: { operator: "XOR", builtInControls: ["mfa"] } }), /operator/],
    [
      "an unknown control",
      valid({ grantControls: { operator: "OR", builtInControls: ["sms"] } }),
      /builtInControls/,
    ],
    [
      "block with mfa",
      valid({ grantControls: { operator: "OR", builtInControls: ["block", "mfa"] } }),
      /block/,
    ],
    ["no grant or session controls", valid({ grantControls: undefined }), /grantControls or sessionControls/],
    ["an unknown property", valid({ enforced: true }), /enforced/],
  ])("rejects %s with 400", (_name, input, message) => {
    expect(error400(() => store.create(input, 1))).toMatch(message);
  });

  it("normalises a valid policy the way Graph returns it", () => {
    const policy = store.create(valid(), Date.parse("2026-01-05T10:00:00Z"));
    expect(policy.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(policy.createdDateTime).toBe("2026-01-05T10:00:00.000Z");
    expect(policy.conditions?.users?.excludeUsers).toEqual([]);
    expect(policy.conditions?.clientAppTypes).toEqual(["all"]);
    expect(store.get(policy.id!)).toEqual(policy);
  });

  it(`refuses policy number ${MAX_POLICIES + 1} (report-only and off count) until one is deleted`, () => {
    const full = newStore();
    const ids = Array.from(
      { length: MAX_POLICIES },
      (_, i) => full.create(valid({ displayName: `p${i}`, state: i % 2 ? "disabled" : "enabled" }), 1).id!,
    );
    expect(error400(() => full.create(valid(), 2))).toMatch(/195/);
    full.delete(ids[0]!, 3);
    expect(full.create(valid(), 4).displayName).toBe("Require MFA");
  });
});

describe("PolicyStore history", () => {
  it("answers the policy as it was at each instant (changes apply strictly after their stamp)", () => {
    const store = newStore();
    const p = store.create(valid(), 100);
    store.patch(p.id!, { state: "enabled" }, 200);
    store.patch(p.id!, { conditions: { users: { excludeGroups: [GROUP] } } } as ConditionalAccessPolicy, 300);
    store.delete(p.id!, 400);

    expect(store.atTime(100)).toEqual([]);
    expect(store.atTime(150)[0]?.state).toBe("enabledForReportingButNotEnforced");
    expect(store.atTime(250)[0]?.state).toBe("enabled");
    const v3 = store.atTime(350)[0]!;
    expect(v3.conditions?.users?.excludeGroups).toEqual([GROUP]);
    expect(v3.conditions?.users?.includeGroups).toEqual([GROUP]);
    expect(v3.conditions?.applications?.includeApplications).toEqual(["All"]);
    expect(store.atTime(400)).toHaveLength(1);
    expect(store.atTime(401)).toEqual([]);
    expect(store.get(p.id!)).toBeUndefined();
  });

  it("validates the merged result of a PATCH and keeps the old version on error", () => {
    const store = newStore();
    const p = store.create(valid(), 100);
    expect(error400(() => store.patch(p.id!, { state: "paused" } as never, 200))).toMatch(/state/);
    expect(store.get(p.id!)?.state).toBe("enabledForReportingButNotEnforced");
  });

  it("answers 404 for an unknown or deleted policy", () => {
    const store = newStore();
    const p = store.create(valid(), 100);
    store.delete(p.id!, 200);
    for (const action of [
      () => store.patch(p.id!, { state: "enabled" }, 300),
      () => store.delete(p.id!, 300),
    ]) {
      expect(action).toThrow(expect.objectContaining({ status: 404 }));
    }
  });
});
