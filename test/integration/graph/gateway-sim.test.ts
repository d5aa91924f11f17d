import type { SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import {
  enforcedPolicy,
  policyFingerprint,
  reportOnlyPolicy,
  type GraphGateway,
} from "../../../shared/graph";
import { simGateway } from "./sim-gateway";

/**
 * The gateway against the real simulator (throttling on, its default limits), on one virtual
 * clock: the gateway's sleep advances the clock the simulator throttles by, so backoff is real
 * but instant.
 */
describe("Graph gateway against the simulator", () => {
  let sim: GraphSimulator;
  let clock: ManualClock;
  let gateway: GraphGateway;
  let waits: number[];

  beforeEach(async () => {
    clock = new ManualClock("2026-01-12T09:00:00Z");
    sim = await startGraphSimulator({ scenario: "clean", seed: 7, clock });
    waits = [];
    gateway = simGateway(sim, clock, waits);
  });
  afterEach(() => sim.stop());

  const people = () => sim.tenant.listUsers().filter((u) => !/^breakglass/.test(u.userPrincipalName ?? ""));
  const breakGlass = () =>
    sim.tenant
      .listUsers()
      .filter((u) => /^breakglass/.test(u.userPrincipalName ?? ""))
      .map((u) => u.id as string);

  it("sets up a rollout's groups and policies idempotently, moves users in 400s, and never deletes a user", async () => {
    const enforced = await gateway.ensureGroup(
      "CA rollout R – enforced",
      "Users moved into enforcement by rollout R",
    );
    const excluded = await gateway.ensureGroup(
      "CA rollout R – excluded",
      "Time-boxed exclusions of rollout R",
    );
    expect(await gateway.ensureGroup("CA rollout R – enforced", "x")).toMatchObject({
      id: enforced.id,
      foundBy: "displayName",
    });

    const bg = breakGlass();
    expect(bg).toHaveLength(2);
    const preflight = await gateway.getUsers(bg);
    expect(preflight.missing).toEqual([]);
    expect(preflight.found.every((u) => u.accountEnabled === true)).toBe(true);

    const allStaff = "a11c0000-5a1f-4c0d-9e00-000000000001";
    const roDef = reportOnlyPolicy({
      displayName: "R (report-only)",
      population: { includeGroups: [allStaff] },
      enforcedGroupId: enforced.id,
      excludedGroupId: excluded.id,
      breakGlassUserIds: bg,
    });
    const enDef = enforcedPolicy({
      displayName: "R (enforced)",
      enforcedGroupId: enforced.id,
      excludedGroupId: excluded.id,
      breakGlassUserIds: bg,
    });
    // Back-to-back Conditional Access calls exceed ~1 request/s: the simulator answers 429 with
    // no Retry-After and the gateway backs off on the virtual clock.
    const ro = await gateway.ensurePolicy(roDef);
    const en = await gateway.ensurePolicy(enDef);
    expect(await gateway.ensurePolicy(roDef, { storedId: ro.id })).toMatchObject({
      id: ro.id,
      foundBy: "storedId",
    });
    expect(await gateway.ensurePolicy(enDef)).toMatchObject({ id: en.id, foundBy: "displayName" });
    expect(gateway.counts().throttled).toBeGreaterThan(0);
    expect(policyFingerprint((await gateway.getPolicy(ro.id)) ?? {})).toBe(policyFingerprint(roDef));
    expect(sim.tenant.listPolicies()).toHaveLength(2);

    const users = people().map((u) => u.id as string);
    expect(users).toHaveLength(85);
    const before = gateway.counts().total;
    const added = await gateway.addMembers(enforced.id, users);
    expect(added).toEqual({ added: 85, alreadyMembers: 0, notFound: [], requests: 1 });
    expect(gateway.counts().total - before).toBe(1);
    expect(await gateway.addMembers(enforced.id, users.slice(0, 30))).toMatchObject({
      added: 0,
      alreadyMembers: 30,
    });

    const removed = await gateway.removeMembers(enforced.id, [...users.slice(0, 10), ...bg]);
    expect(removed).toMatchObject({ removed: 10, notMembers: 2 });
    const listed: string[] = [];
    expect(await gateway.listGroupMemberIds(enforced.id, (ids) => void listed.push(...ids))).toMatchObject({
      members: 75,
    });
    expect(new Set(listed)).toEqual(new Set(users.slice(10)));

    expect(
      await gateway.updatePolicyExclusions(en.id, { excludeUsers: [...bg, users[0] as string] }),
    ).toEqual({
      changed: true,
    });
    expect(sim.tenant.getPolicy(en.id)?.conditions?.users?.excludeUsers).toEqual([...bg, users[0]]);

    expect(sim.counters().userDeletes).toBe(0);
    expect(sim.tenant.listUsers()).toHaveLength(87);
  });

  it("streams sign-ins with report-only results visible, and registration details page by page", async () => {
    const enforced = await gateway.ensureGroup("CA rollout S – enforced", "d");
    const excluded = await gateway.ensureGroup("CA rollout S – excluded", "d");
    await gateway.ensurePolicy(
      reportOnlyPolicy({
        displayName: "S (report-only)",
        population: { includeGroups: ["a11c0000-5a1f-4c0d-9e00-000000000001"] },
        enforcedGroupId: enforced.id,
        excludedGroupId: excluded.id,
        breakGlassUserIds: breakGlass(),
      }),
    );
    const from = clock.now();
    // Four working days of ~85 users x 4 sign-ins: more than one 1,000-sign-in page.
    clock.advanceBy(4 * 24 * 3600 * 1000);
    const results = new Map<string, number>();
    let maxPage = 0;
    const pilot = new Set(
      people()
        .slice(0, 5)
        .map((u) => u.id as string),
    );
    const few = await gateway.streamSignIns({
      from,
      to: clock.now(),
      userIds: pilot,
      onPage: (page: SignIn[]) => {
        for (const s of page) expect(pilot.has(s.userId ?? "")).toBe(true);
      },
    });
    expect(few.signIns).toBeGreaterThan(0);
    const all = await gateway.streamSignIns({
      from,
      to: clock.now(),
      onPage: (page: SignIn[]) => {
        maxPage = Math.max(maxPage, page.length);
        for (const s of page)
          for (const p of s.appliedConditionalAccessPolicies ?? [])
            results.set(p.result ?? "?", (results.get(p.result ?? "?") ?? 0) + 1);
      },
    });
    expect(all.signIns).toBeGreaterThan(few.signIns);
    expect(all.pages).toBeGreaterThan(1);
    expect(maxPage).toBeLessThanOrEqual(1000);
    expect([...results.keys()].some((r) => r.startsWith("reportOnly"))).toBe(true);
    expect(results.has("unknownFutureValue")).toBe(false);

    let registered = 0;
    const reg = await gateway.streamRegistrationDetails({
      userIds: pilot,
      onPage: (page) => {
        registered += page.filter((d) => d.isMfaRegistered).length;
      },
    });
    expect(reg.users).toBe(5);
    expect(registered).toBe(5);
  });

  it("rides out injected 503s on membership writes by retrying only the failed batch items", async () => {
    const group = await gateway.ensureGroup("CA rollout F – enforced", "d");
    sim.setFaults({ endpoints: { "groups.patch": { rate503: 0.5 } } });
    const users = people().map((u) => u.id as string);
    const added = await gateway.addMembers(group.id, users);
    expect(added.added + added.alreadyMembers).toBe(85);
    expect(sim.tenant.listMemberIds(group.id)).toHaveLength(85);
    expect(gateway.counts().retries).toBeGreaterThan(0);
    expect(sim.counters().faulted).toBeGreaterThan(0);
  });
});
