import type { InvocationContext, Timer } from "@azure/functions";
import { LocalDurableHost, MemoryInstanceStore } from "../../local/durable-host";
import { invokeHttpFunction } from "../../local/durable-host/http-invoke";
import { createInvocationContext } from "../../local/durable-host/invocation-context";
import { captureRegistrations, type Registration } from "../../local/durable-host/registry";
import { httpApi } from "../../local/rehearsal/api-client";
import { LOCAL_ADMIN, principalHeader } from "../../local/rehearsal/local-admin";
import { systemClock } from "../../shared/clock";
import type * as Defaults from "../../shared/domain/defaults";
import { startAzuriteStorage, type AzuriteStorageHandle } from "../../local/webjobs-host/azurite-storage";
import { startRealDurableHost } from "../../local/webjobs-host/real-host";
import { endState, startRolloutApp, twoWavePlan } from "./fixtures/rollout-app";
import { waitForFinish } from "./fixtures/wait";

// The plan's minimum durations, lowered so waves observe and bake for seconds in real time.
jest.mock("../../shared/domain/defaults", () => {
  const actual = jest.requireActual<typeof Defaults>("../../shared/domain/defaults");
  return {
    ...actual,
    LIMITS: {
      ...actual.LIMITS,
      minObserveFor: "PT1S",
      minBakeFor: "PT1S",
      minCheckEvery: "PT1S",
      minRetryAfter: "PT1S",
    },
  };
});

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

/**
 * The real extension's run: wall-clock time; the test plays the Functions host's HTTP and timer
 * triggers by calling the app's own functions with the extension's client binding.
 */
async function runOnRealExtension(plan: Record<string, unknown>): Promise<Record<string, unknown>> {
  const app = await startRolloutApp({
    clock: systemClock,
    connectionString: azurite.connectionString,
    tablePrefix: "real",
  });
  const host = await startRealDurableHost({ registry, connectionString: azurite.connectionString });
  const log = () => undefined;
  try {
    const start = find("start-rollout");
    const started = await invokeHttpFunction(
      start,
      {
        method: "POST",
        url: "http://127.0.0.1:7071/api/rollouts",
        headers: { "x-ms-client-principal": principalHeader(LOCAL_ADMIN) },
        body: plan,
      },
      {},
      host.clientData,
      log,
    );
    expect(started.status).toBe(202);
    const timer = find("advance-waves");
    const deadline = Date.now() + 300_000;
    while (!DONE.has((await app.store.rollouts.get(ROLLOUT_ID)).status) && Date.now() < deadline) {
      // The advance-waves timer (every 15 minutes in Azure) fires every couple of seconds here.
      const context: InvocationContext = createInvocationContext(timer, host.clientData, log);
      await timer.handler({ isPastDue: false } as Timer, context);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    // The record says "completed" a step before the orchestration writes its last audit entry.
    await waitForFinish(host.client, ROLLOUT_ID);
    return await endState(app, ROLLOUT_ID);
  } finally {
    await host.stop();
    await app.stop();
  }
}

function find(name: string): Registration {
  const registration = registry.get(name);
  if (!registration) throw new Error(`the app registers no function '${name}'`);
  return registration;
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
