import { httpApi } from "../../../local/rehearsal/api-client";
import { checkInvariants } from "../../../local/rehearsal/invariants";
import { LOCAL_ADMIN, principalHeader } from "../../../local/rehearsal/local-admin";
import { parseClientPrincipal } from "../../../shared/auth";
import type { AuditEntry, RolloutRecord } from "../../../shared/store";
import { groupMembers, seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(240_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rolloutId = "exclusions";
const path = `/api/rollouts/${rolloutId}/exclusions`;
/** Thursday noon of the first week: the pilot is baking, waves core and extended are observed. */
const PILOT_BAKING = "2026-01-08T12:00:00Z";
const BREAK_GLASS = "6a1f0c2e-0000-4000-8000-0000000000b1";
const NOBODY = "0badc0de-0000-4000-8000-000000000999";
const ADMIN_OID = parseClientPrincipal(principalHeader(LOCAL_ADMIN)).id;

describe("exclusions over the HTTP API, mid-rollout", () => {
  let run: EngineRun;
  let rollout: RolloutRecord;
  let excludedFor60Days: string;
  let removedEarly: string;
  let expiring: string;
  let excludedAt: Date;

  const later = (ms: number) => new Date(run.stack.clock.now().getTime() + ms).toISOString();
  const userOf = async (userId: string) => run.stack.store.users.get(rolloutId, userId);
  const exclusionRows = async (): Promise<AuditEntry[]> =>
    (await run.stack.store.audit.list(rolloutId, { limit: 5000 })).filter((a) =>
      a.action.startsWith("exclusion:"),
    );
  const excludedGroup = () => groupMembers(run, rollout.excludedGroupId as string);
  const enforcedGroup = () => groupMembers(run, rollout.enforcedGroupId as string);

  beforeAll(async () => {
    run = await startEngine("clean");
    expect((await run.api("POST", "/api/rollouts", seedPlan({ rolloutId }))).status).toBe(202);
    await run.stack.host.advanceUntil(() => false, PILOT_BAKING);
    rollout = await run.stack.store.rollouts.get(rolloutId);
    const ids = async (waveIndex: number) =>
      (await run.stack.store.users.list(rolloutId, { waveIndex })).map((u) => u.userId).sort();
    [excludedFor60Days] = (await ids(1)) as [string];
    [removedEarly, expiring] = (await ids(2)) as [string, string];
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("refuses callers without MFA or the admin role, unknown users and break-glass accounts, changing nothing", async () => {
    const body = { userId: excludedFor60Days, reason: "travelling without phone", expiresAt: later(DAY) };
    const noMfa = httpApi(run.baseUrl, { ...LOCAL_ADMIN, name: "admin-no-mfa@contoso.test", mfa: false });
    const reader = httpApi(run.baseUrl, {
      name: "reader@contoso.test",
      roles: ["Rollout.Reader"],
      mfa: true,
    });

    const withoutMfa = await noMfa("POST", path, body);
    expect(withoutMfa.status).toBe(403);
    expect(withoutMfa.json<{ error: string }>().error).toBe("mfa_required");
    expect((await reader("POST", path, body)).status).toBe(403);
    expect((await reader("DELETE", `${path}/${excludedFor60Days}`)).status).toBe(403);

    const unknown = await run.api("POST", path, { ...body, userId: NOBODY });
    expect(unknown.status).toBe(404);
    expect(unknown.json<{ message: string }>().message).toContain(NOBODY);

    const breakGlass = await run.api("POST", path, { ...body, userId: BREAK_GLASS });
    expect(breakGlass.status).toBe(409);
    expect(breakGlass.json<{ error: string; message: string }>()).toMatchObject({
      error: "break_glass",
      message: expect.stringMatching(/break-glass account .* always exclude/),
    });

    expect((await run.api("POST", path, { ...body, userId: "not-a-guid" })).status).toBe(400);
    expect((await run.api("POST", path, { ...body, expiresAt: later(91 * DAY) })).status).toBe(400);
    expect((await run.api("POST", "/api/rollouts/no-such-rollout/exclusions", body)).status).toBe(404);

    expect(excludedGroup().size).toBe(0);
    expect(await exclusionRows()).toEqual([]);
    expect((await userOf(excludedFor60Days)).stage).toBe("reportOnly");
  });

  it("moves an excluded user to `excluded` in the users table and into the excluded group, audited with the caller's object id", async () => {
    excludedAt = run.stack.clock.now();
    const answer = await run.api("POST", path, {
      userId: excludedFor60Days,
      reason: "on leave, no phone",
      expiresAt: later(60 * DAY),
    });
    expect(answer.status).toBe(201);
    expect(answer.json<{ user: { stage: string } }>().user.stage).toBe("excluded");

    const user = await userOf(excludedFor60Days);
    expect(user).toMatchObject({
      stage: "excluded",
      reason: "on leave, no phone",
      stageBeforeExclusion: "reportOnly",
    });
    expect(excludedGroup()).toEqual(new Set([excludedFor60Days]));
    expect((await run.stack.store.waves.get(rolloutId, 1)).excluded).toBe(1);
    expect((await run.stack.store.rollouts.get(rolloutId)).counts.excluded).toBe(1);

    const [row] = await exclusionRows();
    expect(row).toMatchObject({
      action: "exclusion:add",
      actor: LOCAL_ADMIN.name,
      actorId: ADMIN_OID,
      actorName: LOCAL_ADMIN.name,
      waveIndex: 1,
      details: { userId: excludedFor60Days, reason: "on leave, no phone" },
    });
  });

  it("re-includes a user on DELETE, and after expiry through the expire-exclusions timer", async () => {
    // A real token's display name has spaces: the audit row keeps it, and the object id beside it.
    const jane = httpApi(run.baseUrl, { name: "Jane Doe", roles: ["Rollout.Admin"], mfa: true });
    const firstEnd = later(DAY);
    for (const [userId, expiresAt] of [
      [removedEarly, later(30 * DAY)],
      [expiring.toUpperCase(), firstEnd],
    ] as const) {
      const answer = await jane("POST", path, { userId, reason: "new phone on order", expiresAt });
      expect(answer.status).toBe(201);
    }
    // Both rows share one virtual instant, so their order in the log is not theirs to promise.
    const added = (await exclusionRows()).filter(
      (a) => a.action === "exclusion:add" && a.actorName !== LOCAL_ADMIN.name,
    );
    expect(
      added.map((a) => [(a.details as { userId: string }).userId, a.actorId, a.actorName]).sort(),
    ).toEqual(
      [
        [removedEarly, ADMIN_OID, "Jane Doe"],
        [expiring, ADMIN_OID, "Jane Doe"],
      ].sort(),
    );
    expect(excludedGroup()).toEqual(new Set([excludedFor60Days, removedEarly, expiring]));
    // The hourly check reads the users table only once the earliest end has passed.
    const dueAt = async () => (await run.stack.store.rollouts.get(rolloutId)).exclusionsDueAt;
    expect(await dueAt()).toBe(firstEnd);

    // Object ids copied from the portal may come in capitals: the same user all the same.
    const removed = await run.api("DELETE", `${path}/${removedEarly.toUpperCase()}`);
    expect(removed.status).toBe(200);
    expect((await userOf(removedEarly)).stage).toBe("reportOnly");
    expect((await userOf(removedEarly)).exclusionExpiresAt).toBeUndefined();
    expect(excludedGroup().has(removedEarly)).toBe(false);
    expect((await run.api("DELETE", `${path}/${removedEarly}`)).status).toBe(404);

    // Not yet: the timer leaves an exclusion alone until it has expired.
    await run.stack.host.advanceBy(20 * HOUR);
    expect((await userOf(expiring)).stage).toBe("excluded");
    await run.stack.host.advanceBy(6 * HOUR);
    expect((await userOf(expiring)).stage).toBe("reportOnly");
    expect(excludedGroup()).toEqual(new Set([excludedFor60Days]));
    expect(await dueAt()).toBe((await userOf(excludedFor60Days)).exclusionExpiresAt);

    const ends = (await exclusionRows()).filter((a) => a.action === "exclusion:end");
    expect(ends.map((a) => [a.actor, (a.details as { userId: string }).userId])).toEqual([
      [LOCAL_ADMIN.name, removedEarly],
      ["system:expire-exclusions", expiring],
    ]);
    expect(ends[0]?.actorId).toBe(ADMIN_OID);
  });

  it("never enforces the excluded user while the rollout enforces everyone else", async () => {
    // Up to the last wave's enforcement: by then the excluded user's own wave has come and gone.
    const lastWaveEnforced = async () => (await run.stack.store.waves.get(rolloutId, 2)).enforced > 0;
    while (!(await lastWaveEnforced()) && run.stack.clock.now() < new Date("2026-03-01T00:00:00Z")) {
      await run.stack.host.advanceBy(6 * HOUR);
      expect(enforcedGroup().has(excludedFor60Days)).toBe(false);
      const { status } = await run.stack.store.rollouts.get(rolloutId);
      expect(["running", "waitingForApproval", "waitingForWindow"]).toContain(status);
      if (status === "waitingForApproval") {
        expect((await run.api("POST", `/api/rollouts/${rolloutId}/approve`, {})).status).toBe(202);
      }
    }
    expect(await lastWaveEnforced()).toBe(true);
    expect((await run.stack.store.waves.get(rolloutId, 1)).enforced).toBe(39);
    expect((await userOf(excludedFor60Days)).stage).toBe("excluded");
    for (const userId of [removedEarly, expiring]) expect((await userOf(userId)).stage).toBe("enforced");
    const final = await run.stack.store.rollouts.get(rolloutId);
    expect(final.counts).toMatchObject({ enforced: 84, excluded: 1, heldBack: 0, reportOnly: 0 });
    expect(await checkInvariants(run.stack.store, run.stack.sim.tenant, rolloutId)).toEqual([]);

    // Graph's own record: no sign-in of theirs met either policy after the exclusion.
    const signIns = [
      ...run.stack.sim.tenant.signIns({
        from: excludedAt,
        to: run.stack.clock.now(),
        userIds: new Set([excludedFor60Days]),
      }),
    ];
    expect(signIns.length).toBeGreaterThan(0);
    for (const signIn of signIns) {
      // A wrong password ends the sign-in before Conditional Access is evaluated: no policy listed.
      if (signIn.status?.errorCode === 50126) {
        expect(signIn.appliedConditionalAccessPolicies).toEqual([]);
        continue;
      }
      const applied = new Map(signIn.appliedConditionalAccessPolicies?.map((p) => [p.id, p.result]));
      expect(applied.get(final.enforcedPolicyId as string)).toBe("notApplied");
      expect(applied.get(final.reportOnlyPolicyId as string)).toBe("reportOnlyNotApplied");
    }
  });

  it("brings a user back whose wave was enforced while they were out as held back for a readiness re-check", async () => {
    const answer = await run.api("DELETE", `${path}/${excludedFor60Days}`);
    expect(answer.status).toBe(200);
    const user = await userOf(excludedFor60Days);
    expect(user.stage).toBe("heldBack");
    expect(user.reason).toMatch(/readiness re-check/);
    expect(Date.parse(user.retryAt ?? "")).toBeLessThanOrEqual(run.stack.clock.now().getTime());
    expect(excludedGroup().size).toBe(0);
    expect(enforcedGroup().has(excludedFor60Days)).toBe(false);
    expect(await checkInvariants(run.stack.store, run.stack.sim.tenant, rolloutId)).toEqual([]);
  });
});
