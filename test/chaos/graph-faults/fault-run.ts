import { checkStackInvariants } from "../../../local/rehearsal/invariants";
import { httpApi, type Api } from "../../../local/rehearsal/api-client";
import { startStack, type Stack } from "../../../local/rehearsal/start-stack";
import { createGraphGateway, seededRandom, type GraphGateway } from "../../../shared/graph";
import { useDependencies } from "../../../shared/runtime/dependencies";
import type { RolloutStatus } from "../../../shared/store";
import { azuriteConnectionString, uniqueTableName } from "../../integration/azurite-env";
import { seedPlan, START } from "../../integration/engine/engine-fixture";

export const HOUR = 3_600_000;

/**
 * The seed plan (85 users: pilot 15, core 40, extended 30) on a two-week clock instead of six:
 * two-day observation and bake windows, no approval step, a lower sample floor for the health
 * gate. Same gates, same change windows, same code paths; a third of the virtual time.
 */
export function fastPlan(): Record<string, unknown> {
  const base = seedPlan();
  const gates = base.gates as Record<string, Record<string, unknown>>;
  const waves = (base.waves as Record<string, unknown>[]).map(({ gates: _gates, ...wave }) => ({
    ...wave,
    observeFor: "P2D",
    bakeFor: "P2D",
    requireApproval: false,
  }));
  return {
    ...base,
    waves,
    gates: { ...gates, health: { ...gates.health, minSignIns: 100 } },
    // A day's watch still crosses every step of it (looks, continue-as-new, completion).
    watch: { for: "P1D", checkEvery: "PT12H" },
  };
}

export interface FaultRunOptions {
  scenario?: string;
  /** The simulator's throttling model (on by default, as in Graph). */
  throttling?: boolean;
  /** The gateway's wall-clock request timeout. */
  requestTimeoutMs?: number;
}

export interface FaultRun {
  stack: Stack;
  api: Api;
  /** The local host's HTTP API, for callers other than the default admin. */
  baseUrl: string;
  /** The gateway the app's activities use here: its waits are recorded. */
  graph: GraphGateway;
  /** Every wait the gateway made, in virtual milliseconds, in order. */
  sleeps: number[];
}

/**
 * The real app on Azurite, the simulator and the local host (as the engine tests run it), with the
 * app's Graph gateway swapped for one whose waits are recorded: Retry-After compliance is then a
 * fact about virtual time the test can assert, not a log line.
 */
export async function startFaultRun(options: FaultRunOptions = {}): Promise<FaultRun> {
  const stack = await startStack({
    scenario: options.scenario ?? "clean",
    start: START,
    azuriteConnectionString: azuriteConnectionString(),
    tablePrefix: uniqueTableName("c").slice(0, 14),
    ...(options.throttling === false ? { throttling: false } : {}),
  });
  const sleeps: number[] = [];
  const graph = createGraphGateway(
    { baseUrl: stack.sim.baseUrl, staticToken: "local-simulator-token" },
    {
      sleep: async (ms) => {
        sleeps.push(ms);
        stack.clock.advanceBy(ms);
      },
      now: () => stack.clock.now(),
      random: seededRandom(7),
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    },
  );
  useDependencies({ store: stack.store, graph, clock: stack.clock });
  const baseUrl = await stack.host.serveHttp(0);
  return { stack, api: httpApi(baseUrl), baseUrl, graph, sleeps };
}

export async function statusOf(run: FaultRun, rolloutId: string): Promise<RolloutStatus> {
  return (await run.stack.store.rollouts.get(rolloutId)).status;
}

/**
 * Steps of `stepHours` of virtual time until `done` holds or `maxHours` have passed; approvals are
 * given on request. The host runs every timer inside a step, so coarse steps only make the
 * polling cheaper, not the rollout different.
 */
export async function advanceUntil(
  run: FaultRun,
  rolloutId: string,
  done: (status: RolloutStatus) => boolean | Promise<boolean>,
  maxHours = 24 * 90,
  stepHours = 4,
): Promise<RolloutStatus> {
  for (let hour = 0; hour < maxHours; hour += stepHours) {
    if (run.stack.host.stoppedByFault) throw new Error(`the host stopped: ${run.stack.host.stoppedByFault}`);
    const status = await statusOf(run, rolloutId);
    if (await done(status)) return status;
    if (status === "waitingForApproval") {
      const approved = await run.api("POST", `/api/rollouts/${rolloutId}/approve`, {
        reason: "chaos: CAB ok",
      });
      if (approved.status !== 202) throw new Error(`approve answered ${approved.status}: ${approved.body}`);
    }
    await run.stack.host.advanceBy(stepHours * HOUR);
  }
  return statusOf(run, rolloutId);
}

const FINISHED = new Set<RolloutStatus>(["completed", "aborted", "failed"]);

export function finished(status: RolloutStatus): boolean {
  return FINISHED.has(status);
}

export async function expectNoViolations(run: FaultRun, rolloutId: string): Promise<void> {
  expect(await checkStackInvariants(run.stack, rolloutId)).toEqual([]);
}

/** Fault cases this run has exercised, printed once at the end of the suite. */
export const exercised: string[] = [];
