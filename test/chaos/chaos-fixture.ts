import { LocalDurableHost, TableInstanceStore } from "../../local/durable-host";
import type { Api } from "../../local/rehearsal/api-client";
import { LOCAL_ADMIN, principalHeader, type LocalPrincipal } from "../../local/rehearsal/local-admin";
import { startStack, type Stack } from "../../local/rehearsal/start-stack";
import { uniqueTableName } from "../integration/azurite-env";
import { seedPlan, START } from "../integration/engine/engine-fixture";

/**
 * A rollout short enough to run many times: the seed plan's population and break-glass, but two
 * waves (the IT pilot, then everyone else) with a day's observation, bakes of one and two days
 * checked daily, no change windows, held-back users retried after a day. It still crosses every
 * activity the scenarios use, an approval, a change-window `advance` and continue-as-new.
 */
export function compactPlan(rolloutId: string): Record<string, unknown> {
  return seedPlan({
    rolloutId,
    // A day's watch, looked at twice: every step of it, for a day of virtual time.
    watch: { for: "P1D", checkEvery: "PT12H" },
    waves: [
      {
        name: "pilot",
        select: { groupId: "a11c0000-5a1f-4c0d-9e00-000000000002" },
        observeFor: "P1D",
        bakeFor: "P1D",
      },
      {
        name: "everyone else",
        select: { share: 1 },
        observeFor: "P1D",
        // A broken app's four users sign in to it a few times a week; the sequential hold-back
        // test needs about a week of their attempts (docs/SIGN-IN-EVIDENCE.md).
        bakeFor: "P8D",
        requireApproval: true,
      },
    ],
    gates: {
      readiness: { minRegisteredShare: 0.9, maxPredictedFailureShare: 0.05 },
      health: {
        maxExcessFailureRate: 0.05,
        minSignIns: 100,
        checkEvery: "P1D",
        extendBy: "P1D",
        maxExtensions: 2,
      },
      shrink: { maxHeldBackShare: 0.2, retryAfter: "P1D" },
    },
    schedule: { timeZone: "Europe/London", changeWindows: [] },
  });
}

/** A stack whose durable host can be replaced by a new one on the same instance table. */
export interface ChaosStack extends Stack {
  /** Instance storage the hosts share: what a restarted host resumes from. */
  instanceTable: string;
  /** Stops the current host (as a crash would: nothing more is saved) and starts a new one. */
  restartHost(): Promise<LocalDurableHost>;
}

/**
 * Graph's throttling model is off unless `throttling` is set. With it on, an activity the host
 * runs again at the crash's virtual instant calls Graph while Graph still counts its first run's
 * calls, so anything it reads again is answered 429 and moves virtual time.
 */
export async function startChaosStack(
  scenario: string,
  options: { azuriteConnectionString: string; throttling?: boolean },
): Promise<ChaosStack> {
  const tablePrefix = uniqueTableName("c").slice(0, 14);
  const stack = await startStack({
    scenario,
    start: START,
    azuriteConnectionString: options.azuriteConnectionString,
    tablePrefix,
    throttling: options.throttling ?? false,
  });
  // Twice the scenario's sign-in rate: gates reach a verdict in a day instead of three.
  stack.sim.tenant.applyKnob({ kind: "signInsPerUserPerDay", value: 8 });
  const instanceTable = `${tablePrefix}hostinstances`;
  // The schedule monitor's records survive a restart in Azure; here they are carried over by hand.
  const timerLastRun: Record<string, string> = {};
  const chaos: ChaosStack = Object.assign(stack, {
    instanceTable,
    restartHost: async () => {
      const { registry } = chaos.host;
      for (const firing of chaos.host.timerFirings) timerLastRun[firing.name] = firing.at;
      await chaos.host.stop();
      chaos.host = await LocalDurableHost.start({
        registry,
        store: new TableInstanceStore(options.azuriteConnectionString, instanceTable),
        clock: { mode: "virtual", clock: stack.clock },
        timerLastRun,
      });
      return chaos.host;
    },
  });
  const stopAll = stack.stop;
  chaos.stop = async () => {
    await chaos.host.stop();
    await stopAll();
  };
  return chaos;
}

/** The API of whichever host runs now, called in process as an admin (follows host restarts). */
export function hostApi(stack: Stack, principal: LocalPrincipal = LOCAL_ADMIN): Api {
  return async (method, path, body) => {
    const response = await stack.host.invokeHttp({
      method,
      url: path,
      headers: { "x-ms-client-principal": principalHeader(principal), "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: response.body, json: response.json };
  };
}
