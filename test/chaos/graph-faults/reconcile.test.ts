import { httpApi } from "../../../local/rehearsal/api-client";
import { LOCAL_ADMIN } from "../../../local/rehearsal/local-admin";
import type { ReconcileReport } from "../../../shared/app/reconcile";
import {
  advanceUntil,
  expectNoViolations,
  fastPlan,
  finished,
  startFaultRun,
  type FaultRun,
} from "./fault-run";

jest.setTimeout(300_000);

const plan = fastPlan();
const rolloutId = String(plan.rolloutId);
const path = `/api/rollouts/${rolloutId}/reconcile`;

describe("POST /api/rollouts/{id}/reconcile", () => {
  let run: FaultRun;

  beforeAll(async () => {
    run = await startFaultRun();
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("refuses while a wave is running (409), and without the admin role or MFA (403)", async () => {
    expect((await run.api("POST", path, {})).status).toBe(409);
    const reader = httpApi(run.baseUrl, {
      name: "reader@contoso.test",
      roles: ["Rollout.Reader"],
      mfa: true,
    });
    expect((await reader("POST", path, {})).status).toBe(403);
    const noMfa = httpApi(run.baseUrl, {
      name: "admin@contoso.test",
      roles: ["Rollout.Admin"],
      mfa: false,
    });
    expect((await noMfa("POST", path, {})).status).toBe(403);
    expect((await run.api("POST", "/api/rollouts/no-such-rollout/reconcile", {})).status).toBe(404);
    expect((await run.api("POST", path, { colour: "blue" })).status).toBe(400);
  });

  it("rebuilds corrupted rows from Graph's group membership, reports each difference, and is audited", async () => {
    expect(await advanceUntil(run, rolloutId, finished)).toBe("completed");
    const { store, sim } = run.stack;
    const rollout = await store.rollouts.get(rolloutId);
    const enforced = await store.users.list(rolloutId, { stage: "enforced" });
    expect(enforced).toHaveLength(85);
    // The table lies about three users; Graph loses one member behind the rollout's back.
    const [a, b, c, gone] = enforced as [
      (typeof enforced)[0],
      (typeof enforced)[0],
      (typeof enforced)[0],
      (typeof enforced)[0],
    ];
    const strip = ({ updatedAt: _u, ...row }: (typeof enforced)[0]) => row;
    await store.users.upsertMany(rolloutId, [
      { ...strip(a), stage: "reportOnly" },
      { ...strip(b), stage: "heldBack", reason: "corrupted", retryAt: "2026-02-01T00:00:00.000Z" },
      { ...strip(c), stage: "pending" },
    ]);
    sim.tenant.removeMember(rollout.enforcedGroupId as string, gone.userId);

    const answer = await run.api("POST", path, { reason: "after the storage incident" });
    expect(answer.status).toBe(200);
    const report = answer.json<ReconcileReport>();
    const byUser = new Map(report.users.map((u) => [u.userId, u]));
    expect(byUser.get(a.userId)).toMatchObject({ before: "reportOnly", after: "enforced" });
    expect(byUser.get(b.userId)).toMatchObject({ before: "heldBack", after: "enforced" });
    expect(byUser.get(c.userId)).toMatchObject({ before: "pending", after: "enforced" });
    expect(byUser.get(gone.userId)).toMatchObject({
      before: "enforced",
      after: "heldBack",
      reason: "removed from the enforced group outside the rollout",
    });
    expect(report.counts).toMatchObject({ checked: 85, changed: 4, outsidersRemoved: 0, deleted: 0 });
    expect(report.counts.after).toMatchObject({ enforced: 84, heldBack: 1, reportOnly: 0, pending: 0 });
    expect(report.policies.map((p) => p.status)).toEqual(["unchanged", "unchanged"]);

    const rows = new Map((await store.users.list(rolloutId)).map((u) => [u.userId, u]));
    const members = new Set(sim.tenant.listMemberIds(rollout.enforcedGroupId as string));
    for (const [userId, row] of rows) expect(row.stage === "enforced").toBe(members.has(userId));
    expect(rows.get(b.userId)?.retryAt).toBeUndefined();
    await expectNoViolations(run, rolloutId);

    const audit = (await store.audit.list(rolloutId, { limit: 10_000 })).filter(
      (e) => e.action === "reconcile",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(LOCAL_ADMIN.name);
    expect(JSON.stringify(audit[0]?.details)).toContain("after the storage incident");
  });

  it("changes nothing the second time", async () => {
    const again = await run.api("POST", path, {});
    expect(again.status).toBe(200);
    expect(again.json<ReconcileReport>()).toMatchObject({
      users: [],
      counts: { changed: 0 },
      truncated: false,
    });
    await expectNoViolations(run, rolloutId);
  });
});
