import { LocalDurableHost, MemoryInstanceStore } from "../../local/durable-host";
import { captureRegistrations } from "../../local/durable-host/registry";
import { httpApi } from "../../local/rehearsal/api-client";
import { systemClock } from "../../shared/clock";
import { startAzuriteStorage, type AzuriteStorageHandle } from "../../local/webjobs-host/azurite-storage";
import { startRealDurableHost } from "../../local/webjobs-host/real-host";
import { RealTriggers } from "./fixtures/real-rollout";
import { endState, startRolloutApp, twoWavePlan } from "./fixtures/rollout-app";

jest.setTimeout(600_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the app registers at import time, inside the capture
const registry = captureRegistrations(() => require("../../functions"));
const DONE = new Set(["completed", "aborted", "failed"]);
const ROLLOUT_ID = "two-waves";

let azurite: AzuriteStorageHandle;

beforeAll(async () => {
  azurite = await startAzuriteStorage();
});

afterAll(async () => {
  await azurite?.stop();
});

/** The local host's run: virtual time, its own timer triggers, HTTP served as `func start` would. */
async function runOnLocalHost(plan: Record<string, unknown>): Promise<Record<string, unknown>> {
  const host = await LocalDurableHost.start({
    registry,
    store: new MemoryInstanceStore(),
    clock: { mode: "virtual", start: new Date() },
  });
  const app = await startRolloutApp({
    clock: host.clock,
    connectionString: azurite.connectionString,
    tablePrefix: "local",
  });
  try {
    const api = httpApi(await host.serveHttp(0));
    const started = await api("POST", "/api/rollouts", plan);
    expect(started.status).toBe(202);
    // advanceBy fires every timer due on the way, in order: large steps lose nothing.
    for (let step = 0; step < 240; step++) {
      await host.advanceBy(30_000);
      if (DONE.has((await app.store.rollouts.get(ROLLOUT_ID)).status)) break;
    }
    await host.runUntilIdle();
    return await endState(app, ROLLOUT_ID);
  } finally {
    await host.stop();
    await app.stop();
  }
}

/** The real extension's run: wall-clock time, the test playing the HTTP and timer triggers. */
async function runOnRealExtension(plan: Record<string, unknown>): Promise<Record<string, unknown>> {
  const app = await startRolloutApp({
    clock: systemClock,
    connectionString: azurite.connectionString,
    tablePrefix: "real",
  });
  const host = await startRealDurableHost({ registry, connectionString: azurite.connectionString });
  try {
    const triggers = new RealTriggers(registry, host);
    expect(await triggers.post("start-rollout", "rollouts", {}, plan)).toBe(202);
    await triggers.runToEnd(app.store, ROLLOUT_ID);
    return await endState(app, ROLLOUT_ID);
  } finally {
    await host.stop();
    await app.stop();
  }
}

test("a two-wave rollout ends the same on the real extension as on the local host", async () => {
  const plan = twoWavePlan(ROLLOUT_ID);
  let started = Date.now();
  const local = await runOnLocalHost(plan);
  console.log(`local host run: ${Date.now() - started} ms`);
  expect(local.status).toBe("completed");
  started = Date.now();
  const real = await runOnRealExtension(plan);
  console.log(`real extension run: ${Date.now() - started} ms`);
  expect(real).toEqual(local);
});
