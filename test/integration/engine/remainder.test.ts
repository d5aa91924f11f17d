import { checkStackInvariants } from "../../../local/rehearsal/invariants";
import type { UserRecord } from "../../../shared/store";
import { groupMembers, seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(240_000);

/**
 * The seed plan without its third wave: Sales and finance (30 users) are in no wave. The tests
 * share one stack and population, so their rollouts may overlap.
 */
function planMissingSales(rolloutId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const plan = seedPlan({ rolloutId, preflight: { allowOverlap: true }, ...extra });
  return { ...plan, waves: (plan.waves as unknown[]).slice(0, 2) };
}

const SALES = "a11c0000-5a1f-4c0d-9e00-000000000004";

describe("a plan whose waves miss part of the population", () => {
  let run: EngineRun;
  let sales: Set<string>;

  const outsideWaves = async (rolloutId: string): Promise<UserRecord[]> =>
    (await run.stack.store.users.list(rolloutId, {}, 5000)).filter((u) => u.waveIndex === -1);
  const setUp = (rolloutId: string) => async () =>
    (await run.stack.store.rollouts.find(rolloutId))?.excludedGroupId !== undefined &&
    (await run.stack.store.audit.list(rolloutId, { limit: 5000 })).some((a) => a.action === "setup");

  beforeAll(async () => {
    run = await startEngine("clean");
    sales = groupMembers(run, SALES);
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("is refused with 400, the count and some names, and nothing is created", async () => {
    const answer = await run.api("POST", "/api/rollouts", planMissingSales("leaves-sales-behind"));
    expect(answer.status).toBe(400);
    const body = answer.json<{
      error: string;
      message: string;
      count: number;
      users: { id: string; userPrincipalName?: string }[];
    }>();
    expect(body.error).toBe("uncovered_population");
    expect(body.count).toBe(sales.size);
    expect(body.users.length).toBeGreaterThan(0);
    for (const user of body.users) {
      expect(sales.has(user.id)).toBe(true);
      expect(user.userPrincipalName).toMatch(/@contoso\.com$/);
      expect(body.message).toContain(user.userPrincipalName);
    }
    expect(body.message).toContain(`${sales.size} population user(s) are in no wave`);
    expect(await run.stack.store.rollouts.find("leaves-sales-behind")).toBeUndefined();
  });

  it("with remainder exclude: the rest is excluded, time-boxed, in the excluded group and audited", async () => {
    const rolloutId = "sales-excluded";
    const plan = planMissingSales(rolloutId, {
      remainder: { action: "exclude", reason: "own policy next quarter" },
    });
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    expect(await run.stack.host.advanceUntil(setUp(rolloutId), "2026-01-06T00:00:00Z")).toBe(true);

    const rows = await outsideWaves(rolloutId);
    expect(new Set(rows.map((u) => u.userId))).toEqual(sales);
    for (const row of rows) {
      expect(row.stage).toBe("excluded");
      expect(row.reason).toBe("in no wave; excluded by the plan's remainder rule: own policy next quarter");
      expect(row.exclusionExpiresAt).toBeDefined();
      expect(row.stageBeforeExclusion).toBe("reportOnly");
    }
    const rollout = await run.stack.store.rollouts.get(rolloutId);
    expect(groupMembers(run, rollout.excludedGroupId as string)).toEqual(sales);
    const audited = (await run.stack.store.audit.list(rolloutId, { limit: 5000 })).filter(
      (a) => a.action === "exclusion:add",
    );
    expect(new Set(audited.map((a) => (a.details as { userId: string }).userId))).toEqual(sales);
    expect(await checkStackInvariants(run.stack, rolloutId)).toEqual([]);
  });

  it("with remainder reportOnly: the rest stays in report-only, each row saying why", async () => {
    const rolloutId = "sales-report-only";
    const plan = planMissingSales(rolloutId, { remainder: { action: "reportOnly" } });
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    expect(await run.stack.host.advanceUntil(setUp(rolloutId), "2026-01-06T00:00:00Z")).toBe(true);

    const rows = await outsideWaves(rolloutId);
    expect(new Set(rows.map((u) => u.userId))).toEqual(sales);
    expect(new Set(rows.map((u) => `${u.stage} ${u.reason}`))).toEqual(
      new Set(["reportOnly in no wave; left in report-only by the plan's remainder rule"]),
    );
    const setup = (await run.stack.store.audit.list(rolloutId, { limit: 5000 })).find(
      (a) => a.action === "setup",
    );
    expect(setup?.details).toMatchObject({
      unassigned: sales.size,
      remainder: { rule: { action: "reportOnly" }, users: sales.size, refused: false },
    });
  });

  it("with remainder finalWave: a last wave named remainder takes the rest", async () => {
    const rolloutId = "sales-final-wave";
    const plan = planMissingSales(rolloutId, { remainder: { action: "finalWave" } });
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    expect(await run.stack.host.advanceUntil(setUp(rolloutId), "2026-01-06T00:00:00Z")).toBe(true);

    expect(await outsideWaves(rolloutId)).toEqual([]);
    const waves = await run.stack.store.waves.list(rolloutId);
    expect(waves.map((w) => w.name)).toEqual(["pilot", "core", "remainder"]);
    const last = await run.stack.store.users.list(rolloutId, { waveIndex: 2 }, 5000);
    expect(new Set(last.map((u) => u.userId))).toEqual(sales);
  });
});
