import type { ApiResponse } from "../../../local/rehearsal/api-client";
import type { SetStatusInput } from "../../../orchestrations/activity-contracts";
import type { RolloutStatus } from "../../../shared/store";
import { seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(600_000);

const HOUR = 3_600_000;

/** The tests share one stack and population, and some leave their rollout paused on purpose. */
function ownPlan(rolloutId: string): Record<string, unknown> {
  return seedPlan({ rolloutId, preflight: { allowOverlap: true } });
}
const DAY = 24 * HOUR;

/**
 * Control requests that meet the orchestrations at awkward moments, as they do in Azure: during a
 * wait longer than the extension's 6-day short-timer limit, while an activity is in flight, and
 * right after a wave has ended but before the rollout has said which wave listens now.
 */
describe("control events at awkward moments", () => {
  let run: EngineRun;

  beforeAll(async () => {
    run = await startEngine("clean");
  });
  afterAll(async () => {
    await run?.stack.stop();
  });

  const rollout = (id: string) => run.stack.store.rollouts.get(id);
  const statusOf = async (id: string): Promise<RolloutStatus> => (await rollout(id)).status;
  const control = async (id: string, action: string, reason: string) => {
    const response = await run.api("POST", `/api/rollouts/${id}/${action}`, { reason });
    expect(`${action}: ${response.status} ${response.body}`).toMatch(new RegExp(`^${action}: 202`));
  };
  const isStatusCall = (id: string, check: (input: SetStatusInput) => boolean) => (input: unknown) =>
    (input as SetStatusInput).rolloutId === id && check(input as SetStatusInput);

  async function advanceUntil(check: () => Promise<boolean>, maxHours: number): Promise<void> {
    for (let hour = 0; hour < maxHours && !(await check()); hour++) await run.stack.host.advanceBy(HOUR);
    expect(await check()).toBe(true);
  }

  /**
   * At an approval gate: the admin pauses, resumes, and approves while the gate is still
   * recording "waiting again" (that status activity is in flight).
   */
  async function approveWhileTheGateRecordsWaitingAgain(id: string): Promise<void> {
    let approved: ApiResponse | undefined;
    run.stack.host.faults.whileActivityRuns(
      {
        name: "set-rollout-status",
        occurrence: 1,
        input: isStatusCall(id, (s) => s.reason === "resumed; waiting again"),
      },
      async () => {
        approved = await run.api("POST", `/api/rollouts/${id}/approve`, { reason: "go" });
      },
    );
    await control(id, "pause", "one more look");
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(id)).toBe("paused");
    await control(id, "resume", "looked");
    await run.stack.host.advanceBy(HOUR);
    expect(approved?.status).toBe(202);
  }

  it("an admin pauses a 10-day observation on day 4, and an approval sent while an activity runs is acted on", async () => {
    const id = "long-pause";
    const plan = ownPlan(id);
    const waves = plan.waves as Record<string, unknown>[];
    plan.waves = [{ ...waves[0], observeFor: "P10D" }, ...waves.slice(1)];
    expect((await run.api("POST", "/api/rollouts", plan)).status).toBe(202);

    await run.stack.host.advanceBy(4 * DAY); // the first 3-day step of the wait has fired
    await control(id, "pause", "helpdesk busy");
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(id)).toBe("paused");
    await run.stack.host.advanceBy(DAY);
    await control(id, "resume", "helpdesk ready");
    await run.stack.host.advanceBy(HOUR);
    expect(await statusOf(id)).toBe("running");

    // The second wave needs an approval.
    await advanceUntil(async () => (await statusOf(id)) === "waitingForApproval", 40 * 24);
    await approveWhileTheGateRecordsWaitingAgain(id);
    expect((await rollout(id)).statusReason).toMatch(/^approved by /);

    await advanceUntil(async () => (await statusOf(id)) === "completed", 60 * 24);
    const audit = await run.stack.store.audit.list(id, { limit: 5000 });
    expect(audit.filter((a) => a.action === "wave:completed").map((a) => a.waveIndex)).toEqual([0, 1, 2]);
    expect((await rollout(id)).counts.enforced).toBeGreaterThan(0);
  });

  it("an approval sent while the gate is still recording that it waits again is acted on", async () => {
    // The seed plan's waits are all under 6 days: only the stale-waiter problem is in play here.
    const id = "approve-in-flight";
    expect((await run.api("POST", "/api/rollouts", ownPlan(id))).status).toBe(202);
    await advanceUntil(async () => (await statusOf(id)) === "waitingForApproval", 40 * 24);
    await approveWhileTheGateRecordsWaitingAgain(id);
    const record = await rollout(id);
    expect(record.status).toBe("running");
    expect(record.statusReason).toMatch(/^approved by /);
  });

  it("a pause sent after a wave ended, before the rollout moved on (the wave answers 410), pauses the next wave", async () => {
    const id = "gone-wave";
    let paused: ApiResponse | undefined;
    run.stack.host.faults.whileActivityRuns(
      {
        name: "set-rollout-status",
        occurrence: 1,
        input: isStatusCall(id, (s) => s.activeWaveInstanceId === `${id}--wave-1`),
      },
      async () => {
        expect((await rollout(id)).activeWaveInstanceId).toBe(`${id}--wave-0`);
        expect(run.stack.host.instance(`${id}--wave-0`)?.status).toBe("Completed");
        paused = await run.api("POST", `/api/rollouts/${id}/pause`, { reason: "between waves" });
      },
      "beforeHandler",
    );
    expect((await run.api("POST", "/api/rollouts", ownPlan(id))).status).toBe(202);
    await advanceUntil(async () => paused !== undefined, 30 * 24);
    expect(paused?.status).toBe(202);
    await run.stack.host.advanceBy(6 * HOUR);
    const record = await rollout(id);
    expect(record.activeWaveInstanceId).toBe(`${id}--wave-1`);
    expect(record.status).toBe("paused");
    expect(record.statusReason).toBe("between waves");
  });

  it("a pause that reaches a wave while it is finishing pauses the next wave", async () => {
    const id = "finishing-wave";
    run.stack.host.faults.whileActivityRuns(
      {
        name: "complete-wave",
        occurrence: 1,
        input: (input) => (input as { rolloutId: string }).rolloutId === id,
      },
      async () => {
        await control(id, "pause", "as the wave ends");
      },
    );
    expect((await run.api("POST", "/api/rollouts", ownPlan(id))).status).toBe(202);
    await advanceUntil(async () => (await rollout(id)).activeWaveInstanceId === `${id}--wave-1`, 30 * 24);
    await run.stack.host.advanceBy(6 * HOUR);
    const record = await rollout(id);
    expect(record.status).toBe("paused");
    expect(record.statusReason).toBe("as the wave ends");
  });
});
