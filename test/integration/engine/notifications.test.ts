import { freePort } from "../../../local/free-port";
import { settleNotificationAttempts } from "../../../shared/app/notify-event";
import { runToEnd, seedPlan, startEngine, type EngineRun } from "./engine-fixture";

jest.setTimeout(600_000);

describe("a rollout whose webhook receiver is down", () => {
  let run: EngineRun;
  const plan = seedPlan({ rolloutId: "notify-down", notifications: { webhookSetting: "TEST_DOWN_HOOK" } });
  const rolloutId = String(plan.rolloutId);

  beforeAll(async () => {
    // Nothing listens on this port: every post is refused.
    process.env.TEST_DOWN_HOOK = `http://127.0.0.1:${await freePort()}/hook?sig=never-logged`;
    run = await startEngine("clean");
  });
  afterAll(async () => {
    await settleNotificationAttempts();
    await run?.stack.stop();
    delete process.env.TEST_DOWN_HOOK;
  });

  it("still completes, and every notification it raised ends audited as failed after its retries", async () => {
    const result = await runToEnd(run, plan);
    expect(result.finished).toBe(true);
    const { store, host } = run.stack;
    expect((await store.rollouts.get(rolloutId)).status).toBe("completed");
    // The deliver-notifications timer keeps retrying after the rollout is done, until it gives up.
    await host.advanceBy(3 * 3_600_000);
    await settleNotificationAttempts();

    const outbox = await store.notifications.list(rolloutId);
    expect(outbox.map((row) => row.event.kind)).toEqual(expect.arrayContaining(["approval", "completion"]));
    expect(outbox.every((row) => row.state === "failed")).toBe(true);
    const audit = await store.audit.list(rolloutId, { limit: 5000 });
    const failed = audit.filter((a) => a.action === "notification:failed");
    expect(failed).toHaveLength(outbox.length);
    expect(JSON.stringify(audit)).not.toContain("never-logged");
  });
});
