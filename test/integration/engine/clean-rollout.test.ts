import { checkInvariants } from "../../../local/rehearsal/invariants";
import { ROLLOUT_MILESTONES } from "../../support/rollout-milestones";
import { groupMembers, runToEnd, seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(240_000);

describe("a clean rollout of 85 users in three waves (15 / 40 / 30)", () => {
  let run: EngineRun;
  const plan = seedPlan();
  const rolloutId = String(plan.rolloutId);

  beforeAll(async () => {
    run = await startEngine("clean");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("completes with every user enforced, break-glass untouched and every step audited", async () => {
    const result = await runToEnd(run, plan);
    expect(result.finished).toBe(true);
    const { store, sim } = run.stack;
    const rollout = await store.rollouts.get(rolloutId);
    expect(rollout.status).toBe("completed");
    expect(rollout.counts).toMatchObject({ enforced: 85, heldBack: 0, reportOnly: 0 });

    const enforced = groupMembers(run, rollout.enforcedGroupId as string);
    expect(enforced.size).toBe(85);
    for (const id of plan.breakGlass as string[]) expect(enforced.has(id)).toBe(false);

    const waves = await store.waves.list(rolloutId);
    expect(waves.map((w) => [w.name, w.planned, w.enforced])).toEqual([
      ["pilot", 15, 15],
      ["core", 40, 40],
      ["extended", 30, 30],
    ]);

    const actions = (await store.audit.list(rolloutId, { limit: 5000 })).map((a) => a.action);
    for (const step of ROLLOUT_MILESTONES) expect(actions).toContain(step);
    expect(await checkInvariants(store, sim.tenant, rolloutId)).toEqual([]);

    // Each wave fits in one $batch of 20-member PATCHes: three HTTP calls move all 85 users.
    const audit = await store.audit.list(rolloutId, { limit: 5000 });
    const enforceCalls = audit
      .filter((a) => a.action === "wave:enforce")
      .reduce((sum, a) => sum + (a.details as { requests: number }).requests, 0);
    expect(enforceCalls).toBeLessThanOrEqual(3);
    expect(sim.counters().userDeletes).toBe(0);
  });

  it("answers 409 when asked to retry held-back users of a finished rollout, rather than accepting it", async () => {
    await run.stack.host.runUntilIdle();
    expect(run.stack.host.instance(rolloutId)?.status).toBe("Completed");
    const answer = await run.api("POST", `/api/rollouts/${rolloutId}/retry-held-back`, { reason: "late" });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatch(/has finished/);
  });
});
