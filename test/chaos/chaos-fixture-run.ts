import type { ActivityExecution, LocalDurableHost } from "../../local/durable-host";
import { START } from "../integration/engine/engine-fixture";
import { hostApi, type ChaosStack } from "./chaos-fixture";

export type Boundary = "beforeComplete" | "afterComplete";

export interface RunOptions {
  /**
   * Crash at every activity boundary of this kind, one after another: each host stops at its
   * next boundary and a new host on the same storage takes over, until the rollout is done.
   */
  crashEvery?: Boundary;
  /** Called at every hourly step (after the host caught up), e.g. to compare or check invariants. */
  onStep?: (at: Date, crashes: readonly Crash[]) => Promise<void>;
}

export interface Crash {
  boundary: Boundary;
  /** The activity execution the host stopped around. */
  activity: ActivityExecution;
  at: string;
}

export interface RolloutRun {
  /** Every activity execution over all hosts of the run, in order (re-executions included). */
  executions: ActivityExecution[];
  crashes: Crash[];
  finished: boolean;
}

const STEP_MS = 3_600_000;
const DONE = new Set(["completed", "aborted", "failed"]);

function armCrash(host: LocalDurableHost, boundary: Boundary, firstHost: boolean): void {
  // A host started after a stop-before-completion first re-runs the interrupted activity (its
  // occurrence 1): its own next boundary is occurrence 2.
  if (boundary === "afterComplete") host.faults.stopAfterActivityCompletes({ occurrence: 1 });
  else host.faults.stopBeforeActivityCompletes({ occurrence: firstHost ? 1 : 2 });
}

/**
 * Starts the plan over the API and moves virtual time hour by hour until the rollout
 * orchestration has completed, approving waves that ask. Crashes (see RunOptions) happen inside
 * a step; the new host catches up to the same hour, so admin actions land at the same virtual
 * times as in an uncrashed run.
 */
export async function runRollout(
  stack: ChaosStack,
  plan: Record<string, unknown>,
  options: RunOptions = {},
): Promise<RolloutRun> {
  const rolloutId = String(plan.rolloutId);
  const api = hostApi(stack);
  const executions: ActivityExecution[] = [];
  const crashes: Crash[] = [];
  let adminRetried = false;
  const started = await api("POST", "/api/rollouts", plan);
  if (started.status !== 202) throw new Error(`starting answered ${started.status}: ${started.body}`);
  if (options.crashEvery) armCrash(stack.host, options.crashEvery, true);
  const deadline = START.getTime() + 30 * 86_400_000;
  for (let at = stack.clock.now().getTime() + STEP_MS; at <= deadline; at += STEP_MS) {
    await stack.host.advanceTo(new Date(at));
    while (stack.host.stoppedByFault && options.crashEvery) {
      const log = stack.host.activityLog;
      const activity = log[log.length - 1];
      if (!activity)
        throw new Error(`the host stopped without running an activity: ${stack.host.stoppedByFault}`);
      crashes.push({ boundary: options.crashEvery, activity, at: stack.clock.now().toISOString() });
      executions.push(...log);
      if (crashes.length > 1000) throw new Error("more than 1000 crashes: the run makes no progress");
      await stack.restartHost();
      armCrash(stack.host, options.crashEvery, false);
      await stack.host.advanceTo(new Date(at));
    }
    if (stack.host.stoppedByFault) throw new Error(`the host stopped: ${stack.host.stoppedByFault}`);
    await options.onStep?.(new Date(at), crashes);
    const rollout = await stack.store.rollouts.get(rolloutId);
    // Users held back under enforcement wait for an admin: the admin fixes the app and asks once,
    // so the run also crosses the admin's retry and the rollout's completion.
    if (DONE.has(rollout.status) && awaitingAdmin(stack.host.instance(rolloutId))) {
      if (!adminRetried) {
        adminRetried = true;
        const retried = await api("POST", `/api/rollouts/${rolloutId}/retry-held-back`, {
          reason: "chaos: app fixed",
        });
        if (retried.status !== 202)
          throw new Error(`retry-held-back answered ${retried.status}: ${retried.body}`);
      }
      continue;
    }
    if (DONE.has(rollout.status) && stack.host.instance(rolloutId)?.status === "Completed") {
      executions.push(...stack.host.activityLog);
      return { executions, crashes, finished: true };
    }
    if (rollout.status === "waitingForApproval") {
      const approved = await api("POST", `/api/rollouts/${rolloutId}/approve`, { reason: "chaos: approved" });
      if (approved.status !== 202) throw new Error(`approving answered ${approved.status}: ${approved.body}`);
    }
  }
  executions.push(...stack.host.activityLog);
  return { executions, crashes, finished: false };
}

/** The rollout orchestration is left listening only for an admin's retry-held-back. */
function awaitingAdmin(instance: { status: string; customStatus?: string } | undefined): boolean {
  if (instance?.status !== "Running" || !instance.customStatus) return false;
  return ((JSON.parse(instance.customStatus) as { awaitingAdmin?: number }).awaitingAdmin ?? 0) > 0;
}
