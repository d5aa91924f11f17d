import type { PreflightCheck } from "../../../shared/preflight";
import type { RolloutStatus } from "../../../shared/store";
import { seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(240_000);

const HOUR = 3_600_000;

interface OverlapAnswer {
  error: string;
  message: string;
  overlap: { users: number; rollouts: { rolloutId: string; users: number }[] };
}

describe("two rollouts, one user", () => {
  let run: EngineRun;
  let populationSize: number;

  const statusOf = async (id: string): Promise<RolloutStatus> =>
    (await run.stack.store.rollouts.get(id)).status;
  const overlapCheck = async (plan: Record<string, unknown>) => {
    const answer = await run.api("POST", "/api/preflight", plan);
    expect(answer.status).toBe(200);
    return answer.json<{ checks: PreflightCheck[] }>().checks.find((c) => c.name === "population-overlap");
  };

  beforeAll(async () => {
    run = await startEngine("clean");
    const preview = await run.api("POST", "/api/rollouts/preview", seedPlan({ rolloutId: "first" }));
    populationSize = preview.json<{ populationSize: number }>().populationSize;
    expect(populationSize).toBeGreaterThan(50);
    expect((await run.api("POST", "/api/rollouts", seedPlan({ rolloutId: "first" }))).status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf("first")).toBe("running");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("refuses a second rollout of the same users with 409 and the overlapping count, creating nothing", async () => {
    const refused = await run.api("POST", "/api/rollouts", seedPlan({ rolloutId: "second" }));
    expect(refused.status).toBe(409);
    const body = refused.json<OverlapAnswer>();
    expect(body.error).toBe("population_overlap");
    expect(body.overlap).toEqual({
      users: populationSize,
      rollouts: [{ rolloutId: "first", users: populationSize }],
    });
    expect(body.message).toContain(
      `${populationSize} user(s) of this population are also in active rollout(s) first`,
    );
    expect(body.message).toContain("preflight.allowOverlap");
    expect(await run.stack.store.rollouts.find("second")).toBeUndefined();
    // The same start of the first rollout is still answered as its own, not as an overlap.
    expect(
      (await run.api("POST", "/api/rollouts", seedPlan({ rolloutId: "first" }))).json<OverlapAnswer>().error,
    ).toBe("rollout_exists");
  });

  it("says so in the preflight: a failure by default, a warning when the plan allows the overlap", async () => {
    expect(await overlapCheck(seedPlan({ rolloutId: "second" }))).toMatchObject({
      status: "fail",
      message: expect.stringContaining(`${populationSize} user(s)`),
    });
    const allowing = seedPlan({ rolloutId: "second", preflight: { allowOverlap: true } });
    expect((await overlapCheck(allowing))?.status).toBe("warn");
  });

  it("starts it when the plan sets preflight.allowOverlap, and any plan once the other rollout is over", async () => {
    const allowing = seedPlan({ rolloutId: "second", preflight: { allowOverlap: true } });
    expect((await run.api("POST", "/api/rollouts", allowing)).status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf("second")).toBe("running");

    for (const id of ["first", "second"]) {
      expect((await run.api("POST", `/api/rollouts/${id}/abort`, { reason: "overlap test" })).status).toBe(
        202,
      );
    }
    for (let hour = 0; hour < 12 && (await statusOf("second")) !== "aborted"; hour++) {
      await run.stack.host.advanceBy(HOUR);
    }
    expect([await statusOf("first"), await statusOf("second")]).toEqual(["aborted", "aborted"]);
    expect((await overlapCheck(seedPlan({ rolloutId: "third" })))?.status).toBe("ok");
    expect((await run.api("POST", "/api/rollouts", seedPlan({ rolloutId: "third" }))).status).toBe(202);
  });
});
