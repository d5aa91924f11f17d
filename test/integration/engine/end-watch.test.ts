import type { RolloutStatus } from "../../../shared/store";
import { seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(600_000);

const HOUR = 3_600_000;

/** The seed plan with one-day bakes and a 10-day watch: the watch is reached within days. */
const plan = seedPlan({
  rolloutId: "end-watch-early",
  waves: [
    {
      name: "everyone",
      select: { groupId: "a11c0000-5a1f-4c0d-9e00-000000000001" },
      observeFor: "P1D",
      bakeFor: "P1D",
    },
  ],
  gates: {
    readiness: { minRegisteredShare: 0.9, maxPredictedFailureShare: 0.05 },
    health: {
      maxExcessFailureRate: 0.05,
      minSignIns: 100,
      checkEvery: "PT6H",
      maxExtensions: 3,
      extendBy: "P1D",
    },
    shrink: { maxHeldBackShare: 0.2, retryAfter: "P7D" },
  },
  schedule: { timeZone: "UTC" },
  watch: { for: "P10D", checkEvery: "PT6H" },
});
const rolloutId = String(plan.rolloutId);

async function statusOf(run: EngineRun): Promise<RolloutStatus> {
  return (await run.stack.store.rollouts.get(rolloutId)).status;
}

describe("ending the watch early", () => {
  let run: EngineRun;
  beforeAll(async () => {
    run = await startEngine("clean");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  it("is refused before the watch, then ends it with the admin's name and reason, audited", async () => {
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    const early = await run.api("POST", `/api/rollouts/${rolloutId}/end-watch`, { reason: "too soon" });
    expect(early.status).toBe(409);

    for (let hour = 0; hour < 24 * 8 && (await statusOf(run)) !== "watching"; hour++)
      await run.stack.host.advanceBy(HOUR);
    const watching = await run.stack.store.rollouts.get(rolloutId);
    expect(watching.status).toBe("watching");
    expect(watching.statusReason).toMatch(
      /^watching until \d{4}-\d\d-\d\d \d\d:\d\d UTC: 85 user\(s\) watched, 0 held back so far$/,
    );
    // A day of looks changes nothing on a clean tenant.
    await run.stack.host.advanceBy(24 * HOUR);
    expect(await statusOf(run)).toBe("watching");

    const ended = await run.api("POST", `/api/rollouts/${rolloutId}/end-watch`, {
      reason: "app owners signed off",
    });
    expect(ended.status).toBe(202);
    await run.stack.host.advanceBy(HOUR);
    const done = await run.stack.store.rollouts.get(rolloutId);
    expect(done.status).toBe("completed");
    const audit = await run.stack.store.audit.list(rolloutId, { limit: 5000 });
    expect(audit.some((a) => a.action === "request:end-watch")).toBe(true);
    expect(
      audit.some(
        (a) =>
          a.action === "status:completed" &&
          /the watch was ended early by .+: app owners signed off/.test(JSON.stringify(a.details)),
      ),
    ).toBe(true);
    // Days before the watch's own end: the instance is done, nothing waits.
    await run.stack.host.runUntilIdle();
    expect(run.stack.host.instance(rolloutId)?.status).toBe("Completed");
  });
});
