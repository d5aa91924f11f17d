import type { RolloutRecord } from "../../shared/store";
import { raiseControlEvent } from "../../functions/http/raise-control-event";
import { captureRegistrations } from "../../local/durable-host/registry";
import { startAzuriteStorage, type AzuriteStorageHandle } from "../../local/webjobs-host/azurite-storage";
import { durableClient } from "../../local/webjobs-host/durable-client";
import { startRealDurableHost, type RealDurableHost } from "../../local/webjobs-host/real-host";
import { scaleAppTimers, SHORT_TIMERS } from "./fixtures/short-timers";
import { gate, waitForFinish, waitForHistory } from "./fixtures/wait";

jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time, inside the capture
const registry = captureRegistrations(() => require("./fixtures/control-app"));
scaleAppTimers();

let azurite: AzuriteStorageHandle;
let host: RealDurableHost;
const activityRunning = gate();
const releaseActivity = gate();

beforeAll(async () => {
  azurite = await startAzuriteStorage();
  host = await startRealDurableHost({
    registry,
    connectionString: azurite.connectionString,
    ...SHORT_TIMERS,
    beforeActivity: async (name, input) => {
      if (name !== "ctlEcho" || input !== "between windows") return;
      activityRunning.open();
      await releaseActivity.promise;
    },
  });
});

afterAll(async () => {
  await host?.stop();
  await azurite?.stop();
});

const pause = { actor: "admin@contoso.test", reason: "checking the helpdesk queue" };
const PAUSED_AND_RESUMED = { wake: "event:pause", resumed: "event:resume", after: "event:pause" };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("a wait longer than the extension's short-timer limit (6 s here, 6 days in Azure)", () => {
  test("ends cleanly on a pause raised after part of the wait has passed", async () => {
    const id = await host.client.startNew("ctlObserve", {
      instanceId: "long-wait-late-pause",
      input: 20_000,
    });
    // A timer has fired: a 3 s chunk of the extension's long timer, or one of the app's steps.
    await waitForHistory(host.client, id, "TimerFired");
    expect(await host.client.raiseEvent(id, "pause", pause)).toBe(202);
    await sleep(1_000);
    // Not asserted: an instance the pause broke has finished, and the extension answers 410.
    await host.client.raiseEvent(id, "resume", pause);
    const status = await waitForFinish(host.client, id, 15_000);
    expect(status.runtimeStatus).toBe("Completed");
    expect(status.output).toEqual(PAUSED_AND_RESUMED);
  });

  test("ends cleanly on a pause raised before any timer fired", async () => {
    const id = await host.client.startNew("ctlObserve", {
      instanceId: "long-wait-early-pause",
      input: 20_000,
    });
    await waitForHistory(host.client, id, "TimerCreated");
    expect(await host.client.raiseEvent(id, "pause", pause)).toBe(202);
    // Paused past the time the first 3 s chunk of a long timer would fire, then resumed well
    // before the 20 s deadline: the pause, not the timer, ended the wait.
    await sleep(5_000);
    expect(await host.client.raiseEvent(id, "resume", pause)).toBe(202);
    const status = await waitForFinish(host.client, id, 10_000);
    expect(status.runtimeStatus).toBe("Completed");
    expect(status.output).toEqual(PAUSED_AND_RESUMED);
  });
});

test("a pause raised while an activity runs reaches the next wait for it", async () => {
  const id = await host.client.startNew("ctlTwoWindows", {
    instanceId: "pause-during-activity",
    input: 2_000,
  });
  await activityRunning.promise;
  expect(await host.client.raiseEvent(id, "pause", pause)).toBe(202);
  releaseActivity.open();
  const status = await waitForFinish(host.client, id, 30_000);
  expect(status.output).toEqual({ first: "timer", second: "event:pause" });
});

test("an event for a wave that has just finished goes to the rollout instead of being dropped", async () => {
  const rolloutId = await host.client.startNew("ctlRollout", { instanceId: "rollout-410" });
  const waveId = await host.client.startNew("ctlFinishedWave", { instanceId: "rollout-410-wave-0" });
  await waitForFinish(host.client, waveId);
  // The extension answers 410 Gone for a finished instance.
  expect(await host.client.raiseEvent(waveId, "pause", pause)).toBe(410);

  const record = { id: rolloutId, activeWaveInstanceId: waveId } as RolloutRecord & {
    activeWaveInstanceId: string;
  };
  await raiseControlEvent(durableClient(host.clientData), record, "pause", pause);
  const status = await waitForFinish(host.client, rolloutId, 15_000);
  expect(status.output).toBe("event:pause");
});
