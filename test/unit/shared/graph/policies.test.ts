import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import {
  controlsFromPolicy,
  enforcedPolicy,
  policyFingerprint,
  reportOnlyPolicy,
  requireMfaControls,
} from "../../../../shared/graph";
import { startHarness, type Harness } from "./harness";

const ENFORCED = "11111111-1111-4111-8111-111111111111";
const EXCLUDED = "22222222-2222-4222-8222-222222222222";
const BREAK_GLASS = ["33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444"];
const POPULATION = "55555555-5555-4555-8555-555555555555";
const base = { enforcedGroupId: ENFORCED, excludedGroupId: EXCLUDED, breakGlassUserIds: BREAK_GLASS };

describe("rollout policy templates", () => {
  it("report-only: includes the population, excludes enforced + excluded groups and break-glass", () => {
    const p = reportOnlyPolicy({
      ...base,
      displayName: "R (report-only)",
      population: { includeGroups: [POPULATION] },
    });
    expect(p.state).toBe("enabledForReportingButNotEnforced");
    expect(p.conditions?.users).toEqual({
      includeUsers: [],
      includeGroups: [POPULATION],
      excludeUsers: BREAK_GLASS,
      excludeGroups: [ENFORCED, EXCLUDED],
    });
    expect(p.conditions?.applications).toEqual({ includeApplications: ["All"] });
    expect(p.conditions?.clientAppTypes).toEqual(["all"]);
    expect(p.grantControls).toEqual({ operator: "OR", builtInControls: ["mfa"] });
    expect(p.grantControls).toEqual(requireMfaControls().grantControls);
  });

  it("enforced: includes only the enforced group, excludes the excluded group and break-glass", () => {
    const p = enforcedPolicy({ ...base, displayName: "R (enforced)" });
    expect(p.state).toBe("enabled");
    expect(p.conditions?.users).toEqual({
      includeUsers: [],
      includeGroups: [ENFORCED],
      excludeUsers: BREAK_GLASS,
      excludeGroups: [EXCLUDED],
    });
  });

  it("refuses a policy without break-glass exclusions, a population or valid ids", () => {
    expect(() => enforcedPolicy({ ...base, breakGlassUserIds: [], displayName: "x" })).toThrow(/break-glass/);
    expect(() => reportOnlyPolicy({ ...base, displayName: "x", population: {} })).toThrow(/population/);
    expect(() => enforcedPolicy({ ...base, enforcedGroupId: "CA rollout", displayName: "x" })).toThrow(
      /GUID/,
    );
  });

  it("copies controls from an existing policy but never its users, and drops Graph's nulls", () => {
    const existing: ConditionalAccessPolicy = {
      id: "66666666-6666-4666-8666-666666666666",
      displayName: "Tenant MFA",
      state: "enabledForReportingButNotEnforced",
      conditions: {
        users: { includeUsers: ["All"] },
        applications: { includeApplications: ["All"], excludeApplications: ["app-1"] },
        clientAppTypes: ["browser", "mobileAppsAndDesktopClients"],
        platforms: null,
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"], authenticationStrength: null },
    };
    const controls = controlsFromPolicy(existing);
    expect(controls.conditions).toEqual({
      applications: { includeApplications: ["All"], excludeApplications: ["app-1"] },
      clientAppTypes: ["browser", "mobileAppsAndDesktopClients"],
    });
    const p = enforcedPolicy({ ...base, displayName: "R (enforced)", controls });
    expect(p.conditions?.users?.includeGroups).toEqual([ENFORCED]);
    expect(p.conditions?.clientAppTypes).toEqual(["browser", "mobileAppsAndDesktopClients"]);
  });
});

describe("policyFingerprint", () => {
  const p = enforcedPolicy({ ...base, displayName: "R (enforced)" });

  it("ignores id order, key order, nulls, empty lists and read-only fields", () => {
    const shuffled: ConditionalAccessPolicy = {
      id: "77777777-7777-4777-8777-777777777777",
      createdDateTime: "2026-11-23T10:00:00Z",
      displayName: "renamed",
      grantControls: {
        builtInControls: ["mfa"],
        operator: "OR",
        customAuthenticationFactors: [],
        // Graph sends nulls its TypeScript types do not admit.
        termsOfUse: null as unknown as string[],
      },
      state: "enabled",
      conditions: {
        clientAppTypes: ["all"],
        users: {
          excludeGroups: [EXCLUDED],
          excludeUsers: [...BREAK_GLASS].reverse(),
          includeGroups: [ENFORCED.toUpperCase()],
          excludeRoles: [],
          includeRoles: null as unknown as string[],
        },
        applications: { includeApplications: ["All"], excludeApplications: [] },
        platforms: null,
      },
    };
    expect(policyFingerprint(shuffled)).toBe(policyFingerprint(p));
  });

  it("changes when state, exclusions, applications or grant controls change", () => {
    const fp = policyFingerprint(p);
    const variants: ConditionalAccessPolicy[] = [
      { ...p, state: "disabled" },
      {
        ...p,
        conditions: {
          ...p.conditions,
          users: { ...p.conditions?.users, excludeUsers: [BREAK_GLASS[0] as string] },
        },
      },
      { ...p, conditions: { ...p.conditions, applications: { includeApplications: ["Office365"] } } },
      { ...p, conditions: { ...p.conditions, clientAppTypes: ["browser"] } },
      { ...p, grantControls: { operator: "AND", builtInControls: ["mfa", "compliantDevice"] } },
    ];
    const prints = variants.map(policyFingerprint);
    for (const print of prints) expect(print).not.toBe(fp);
    expect(new Set(prints).size).toBe(prints.length);
  });
});

describe("ensurePolicy / updatePolicyExclusions / ensureGroup (idempotent)", () => {
  let h: Harness;
  afterEach(() => h.server.stop());

  it("creates a policy once, then finds it by stored id or by displayName", async () => {
    h = await startHarness();
    const def = reportOnlyPolicy({
      ...base,
      displayName: "R (report-only)",
      population: { includeUsers: ["All"] },
    });
    const created = await h.gateway.ensurePolicy(def);
    expect(created).toMatchObject({ foundBy: "created", state: "enabledForReportingButNotEnforced" });
    expect(await h.gateway.ensurePolicy(def)).toMatchObject({ id: created.id, foundBy: "displayName" });
    expect(await h.gateway.ensurePolicy(def, { storedId: created.id })).toMatchObject({
      id: created.id,
      foundBy: "storedId",
    });
    // A stale stored id (policy deleted out of band, recreated by hand) falls back to the name.
    expect(
      await h.gateway.ensurePolicy(def, { storedId: "88888888-8888-4888-8888-888888888888" }),
    ).toMatchObject({
      id: created.id,
      foundBy: "displayName",
    });
    expect(h.tenant.policies.size).toBe(1);
    expect(policyFingerprint((await h.gateway.getPolicy(created.id)) ?? {})).toBe(policyFingerprint(def));
  });

  it("refuses to guess between two policies with the same name", async () => {
    h = await startHarness();
    const def = enforcedPolicy({ ...base, displayName: "R (enforced)" });
    h.tenant.policies.set("a", { ...def, id: "99999999-9999-4999-8999-999999999991" });
    h.tenant.policies.set("b", { ...def, id: "99999999-9999-4999-8999-999999999992" });
    await expect(h.gateway.ensurePolicy(def)).rejects.toThrow(/2 Conditional Access policies are named/);
  });

  it("updates exclusions with one PATCH that keeps the rest of the conditions, and skips no-op updates", async () => {
    h = await startHarness();
    const { id } = await h.gateway.ensurePolicy(enforcedPolicy({ ...base, displayName: "R (enforced)" }));
    const extra = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    expect(await h.gateway.updatePolicyExclusions(id, { excludeUsers: [...BREAK_GLASS, extra] })).toEqual({
      changed: true,
    });
    const patch = h.server.requests.find((r) => r.method === "PATCH");
    expect(patch?.body).toMatchObject({
      conditions: {
        applications: { includeApplications: ["All"] },
        users: {
          includeGroups: [ENFORCED],
          excludeGroups: [EXCLUDED],
          excludeUsers: [...BREAK_GLASS, extra],
        },
      },
    });
    expect(await h.gateway.updatePolicyExclusions(id, { excludeUsers: [extra, ...BREAK_GLASS] })).toEqual({
      changed: false,
    });
    expect(h.server.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it("creates a security group once, then finds it again by stored id or displayName", async () => {
    h = await startHarness();
    const name = "CA rollout R – enforced";
    const created = await h.gateway.ensureGroup(name, "Users moved into enforcement by rollout R");
    expect(created.foundBy).toBe("created");
    const post = h.server.requests.find((r) => r.method === "POST" && r.path === "/groups");
    expect(post?.body).toEqual({
      displayName: name,
      description: "Users moved into enforcement by rollout R",
      mailEnabled: false,
      securityEnabled: true,
      mailNickname: "ca-rollout-r-enforced",
    });
    expect(await h.gateway.ensureGroup(name, "d")).toMatchObject({ id: created.id, foundBy: "displayName" });
    expect(await h.gateway.ensureGroup(name, "d", { storedId: created.id })).toMatchObject({
      id: created.id,
      foundBy: "storedId",
    });
    expect(h.tenant.groups.size).toBe(1);
    const filter = h.server.requests
      .find((r) => r.method === "GET" && r.path === "/groups")
      ?.query.get("$filter");
    expect(filter).toBe(`displayName eq '${name}'`);
  });

  it("rejects a stored id that is not a GUID instead of silently searching by name", async () => {
    h = await startHarness();
    await expect(h.gateway.ensureGroup("g", "d", { storedId: "CA rollout R" })).rejects.toThrow(/GUID/);
    await expect(
      h.gateway.ensurePolicy(enforcedPolicy({ ...base, displayName: "p" }), { storedId: "x" }),
    ).rejects.toThrow(/GUID/);
    expect(h.server.httpCalls()).toBe(0);
  });

  it("escapes quotes in names and can create role-assignable groups", async () => {
    h = await startHarness();
    await h.gateway.ensureGroup("O'Brien's wave", "d", { isAssignableToRole: true });
    const get = h.server.requests.find((r) => r.method === "GET" && r.path === "/groups");
    expect(get?.query.get("$filter")).toBe("displayName eq 'O''Brien''s wave'");
    const post = h.server.requests.find((r) => r.method === "POST");
    expect(post?.body).toMatchObject({ isAssignableToRole: true, mailNickname: "o-brien-s-wave" });
    expect(await h.gateway.ensureGroup("O'Brien's wave", "d")).toMatchObject({ foundBy: "displayName" });
  });
});
