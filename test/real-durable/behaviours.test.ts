import { captureRegistrations } from "../../local/durable-host/registry";
import { startAzuriteStorage, type AzuriteStorageHandle } from "../../local/webjobs-host/azurite-storage";
import { startRealDurableHost, type RealDurableHost } from "../../local/webjobs-host/real-host";
import type * as BehavioursApp from "./fixtures/behaviours-app";
import { gate, waitForFinish, waitForStatus } from "./fixtures/wait";

jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time, inside the capture
const registry = captureRegistrations(() => require("./fixtures/behaviours-app"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the capture above
const { attempts } = require("./fixtures/behaviours-app") as typeof BehavioursApp;

let azurite: AzuriteStorageHandle;
let host: RealDurableHost;
const slowActivityStarted = gate();
const releaseSlowActivity = gate();

beforeAll(async () => {
  azurite = await startAzuriteStorage();
  host = await startRealDurableHost({
    registry,
    connectionString: azurite.connectionString,
    beforeActivity: async (name, input) => {
      if (name !== "rdEcho" || input !== "slow") return;
      slowActivityStarted.open();
      await releaseSlowActivity.promise;
    },
  });
});

afterAll(async () => {
  await host?.stop();
  await azurite?.stop();
});

test("continue-as-new starts a fresh execution with the new input until the last one returns", async () => {
  const id = await host.client.startNew("rdCounter", { instanceId: "counter-1", input: { n: 1, seen: [] } });
  const status = await waitForFinish(host.client, id);
  expect(status.runtimeStatus).toBe("Completed");
  expect(status.output).toEqual({ generations: 3, seen: [2, 4, 6] });
  // The status API shows the last execution: its input is the one continueAsNew passed.
  expect(status.input).toEqual({ n: 3, seen: [2, 4] });
});

test("a sub-orchestration returns its output and a failing one surfaces as a catchable error", async () => {
  const id = await host.client.startNew("rdParent", { instanceId: "parent-1" });
  const status = await waitForFinish(host.client, id);
  expect(status.runtimeStatus).toBe("Completed");
  const output = status.output as { ok: unknown; second: string };
  expect(output.ok).toEqual({ doubled: 42, parent: "parent-1" });
  expect(output.second).toContain("child parent-1-failing refused");
  expect((await host.client.getStatus("parent-1-child"))?.runtimeStatus).toBe("Completed");
  expect((await host.client.getStatus("parent-1-failing"))?.runtimeStatus).toBe("Failed");
});

test("callActivityWithRetry re-runs a failing activity until it succeeds", async () => {
  const id = await host.client.startNew("rdRetry", {
    instanceId: "retry-ok",
    input: { key: "ok", maxAttempts: 3 },
  });
  const status = await waitForFinish(host.client, id);
  expect(status.output).toEqual({ result: "ok succeeded on attempt 3" });
  expect(attempts.get("ok")).toBe(3);
  const history = (await host.client.getStatus(id, { showHistory: true }))?.historyEvents ?? [];
  // DTFx retries with a durable timer between attempts, visible in the history.
  const types = history.map((e) => e.EventType);
  expect(types.filter((t) => t === "TaskFailed")).toHaveLength(2);
  expect(types.filter((t) => t === "TimerCreated")).toHaveLength(2);
});

test("callActivityWithRetry gives up after maxNumberOfAttempts with the activity's error", async () => {
  const id = await host.client.startNew("rdRetry", {
    instanceId: "retry-exhausted",
    input: { key: "exhausted", maxAttempts: 2 },
  });
  const status = await waitForFinish(host.client, id);
  expect(status.runtimeStatus).toBe("Completed");
  // The extension's reason, built from the Functions host's RpcException message.
  expect((status.output as { failed: string }).failed).toMatch(
    /Activity function 'rdFailTwice' failed:\s+attempt 2 of exhausted failed/,
  );
  expect(attempts.get("exhausted")).toBe(2);
});

test("an event raised while an activity runs is kept for the wait created after it", async () => {
  const id = await host.client.startNew("rdEventDuringActivity", { instanceId: "event-during-activity" });
  await slowActivityStarted.promise;
  expect(await host.client.raiseEvent(id, "approve", { by: "admin" })).toBe(202);
  releaseSlowActivity.open();
  const status = await waitForFinish(host.client, id);
  expect(status.output).toEqual({ echoed: "slow", approval: { by: "admin" } });
});

test("the status API answers 404 for an unknown instance and raising to it answers 404", async () => {
  expect(await host.client.getStatus("no-such-instance")).toBeUndefined();
  expect(await host.client.raiseEvent("no-such-instance", "approve")).toBe(404);
  const finished = await waitForStatus(host.client, "counter-1", (s) => s.runtimeStatus === "Completed");
  expect(await host.client.raiseEvent(finished.instanceId, "approve")).toBe(410);
});

/**
 * Observed here: the episode a timer wakes can start up to a second before its fireAt (the Azure
 * Storage provider delays the timer message by a queue visibility timeout, which the queue
 * service counts in whole seconds). Code that compares currentUtcDateTime with a deadline right
 * after its timer fired must allow for it.
 */
test("a durable timer resumes the orchestrator at its fire time, up to a second early", async () => {
  const started = Date.now();
  const id = await host.client.startNew("rdTimer", { instanceId: "timer-1", input: 3000 });
  const status = await waitForFinish(host.client, id);
  const output = status.output as { fireAt: string; resumedAt: string };
  expect(Date.parse(output.resumedAt)).toBeGreaterThan(Date.parse(output.fireAt) - 1000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
});
