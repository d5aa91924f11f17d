import { captureRegistrations } from "../../local/durable-host/registry";
import { startAzuriteStorage, type AzuriteStorageHandle } from "../../local/webjobs-host/azurite-storage";
import { startRealDurableHost, type RealDurableHost } from "../../local/webjobs-host/real-host";
import { systemClock } from "../../shared/clock";
import { RealTriggers } from "./fixtures/real-rollout";
import { approvalPlan, startRolloutApp, type RolloutApp } from "./fixtures/rollout-app";
import { scaleAppTimers, SHORT_TIMERS } from "./fixtures/short-timers";
import { waitForHistory } from "./fixtures/wait";

jest.setTimeout(600_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the app registers at import time, inside the capture
const registry = captureRegistrations(() => require("../../functions"));
scaleAppTimers();
const ROLLOUT_ID = "pause-and-approve";

let azurite: AzuriteStorageHandle;
let app: RolloutApp;
let host: RealDurableHost;
let triggers: RealTriggers;
/** The approve request's answer, sent while the status activity had not yet reported back. */
let approved: Promise<number> | undefined;

beforeAll(async () => {
  azurite = await startAzuriteStorage();
  app = await startRolloutApp({
    clock: systemClock,
    connectionString: azurite.connectionString,
    tablePrefix: "ctl",
  });
  host = await startRealDurableHost({
    registry,
    connectionString: azurite.connectionString,
    ...SHORT_TIMERS,
    afterActivity: async (name, input) => {
      // The record says "waitingForApproval" once this activity has run; for the extension the
      // activity still runs until this returns, and the wave has not started waiting yet.
      if (name !== "set-rollout-status" || (input as { status?: string }).status !== "waitingForApproval")
        return;
      approved ??= triggers.control(ROLLOUT_ID, "approve", "looks good");
      await approved;
    },
  });
  triggers = new RealTriggers(registry, host);
});

afterAll(async () => {
  await host?.stop();
  await app?.stop();
  await azurite?.stop();
});

test("an admin pauses during a long observation and approves while an activity runs: the rollout completes", async () => {
  expect(await triggers.post("start-rollout", "rollouts", {}, approvalPlan(ROLLOUT_ID))).toBe(202);
  const wave = await activeWave();
  // Part of the 20 s observation has passed: a timer of it has fired.
  await waitForHistory(host.client, wave, "TimerFired");
  expect(await triggers.control(ROLLOUT_ID, "pause", "helpdesk is busy")).toBe(202);
  await waitForRecord((status) => status === "paused");
  // Paused past the observation's next timer, then resumed.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect(await triggers.control(ROLLOUT_ID, "resume", "helpdesk is fine")).toBe(202);

  await triggers.runToEnd(app.store, ROLLOUT_ID, 120_000);
  expect(await approved).toBe(202);
  const rollout = await app.store.rollouts.get(ROLLOUT_ID);
  expect(rollout.status).toBe("completed");
  expect(rollout.counts).toMatchObject({ enforced: 15, heldBack: 0 });
  expect((await host.client.getStatus(wave))?.runtimeStatus).toBe("Completed");
  const audit = await app.store.audit.list(ROLLOUT_ID, { limit: 5000 });
  const reasons = audit.map((a) => `${a.action} ${String((a.details as { reason?: string }).reason ?? "")}`);
  expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^status:paused /)]));
  expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^status:running approved by /)]));
});

async function activeWave(): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const record = (await app.store.rollouts.get(ROLLOUT_ID)) as { activeWaveInstanceId?: string };
    if (record.activeWaveInstanceId) return record.activeWaveInstanceId;
    if (Date.now() > deadline) {
      const instance = await host.client.getStatus(ROLLOUT_ID, { showHistory: true });
      throw new Error(`no wave started within 30 s: ${JSON.stringify(instance?.historyEvents)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForRecord(done: (status: string) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done((await app.store.rollouts.get(ROLLOUT_ID)).status)) {
    if (Date.now() > deadline) throw new Error("the rollout's record did not change within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
