import { activityOutcomeEvent } from "./activity-outcome";
import type { EngineCore } from "./engine-core";
import { isTerminal, type InstanceState, type PendingActivity } from "./instance-state";
import { createInvocationContext } from "./invocation-context";

/** One activity execution, in the order this host ran them (crash tests name boundaries by it). */
export interface ActivityExecution {
  name: string;
  instanceId: string;
  /** Wall time of the handler, once it has returned or thrown (benchmarks add these up). */
  durationMs?: number;
}

/** Runs activity work items with the real handlers and turns outcomes into inbox messages. */
export class ActivityRunner {
  private readonly running = new Set<string>();
  private readonly executionCounts = new Map<string, number>();
  readonly log: ActivityExecution[] = [];

  constructor(private readonly core: EngineCore) {}

  isRunning(state: InstanceState, activity: PendingActivity): boolean {
    return this.running.has(activityKey(state, activity));
  }

  executions(name?: string): number {
    if (name !== undefined) return this.executionCounts.get(name) ?? 0;
    let total = 0;
    for (const count of this.executionCounts.values()) total += count;
    return total;
  }

  async execute(state: InstanceState, activity: PendingActivity): Promise<void> {
    const key = activityKey(state, activity);
    this.running.add(key);
    try {
      this.executionCounts.set(activity.name, (this.executionCounts.get(activity.name) ?? 0) + 1);
      const execution: ActivityExecution = { name: activity.name, instanceId: state.instanceId };
      this.log.push(execution);
      const finishesAt = new Date(
        this.core.now().getTime() + this.core.options.faults.durationOf(activity.name),
      );
      const faults = this.core.options.faults;
      for (const run of faults.takeWhileRunning(activity.name, activity.input, "beforeHandler")) await run();
      const started = performance.now();
      const outcome = await this.runActivityHandler(activity);
      execution.durationMs = performance.now() - started;
      for (const run of faults.takeWhileRunning(activity.name, activity.input, "afterHandler")) await run();
      if (this.core.halted) return;
      const stops = this.core.options.faults.onActivityExecuted(activity.name);
      if (stops.has("beforeComplete")) {
        this.core.halt(`stopped before activity '${activity.name}' completed`);
        return;
      }
      // The instance may have been purged or restarted under the same id meanwhile.
      if (this.core.instances.get(state.instanceId) !== state) return;
      state.activities = state.activities.filter((a) => a !== activity);
      if (state.executionId === activity.executionId && !isTerminal(state.status)) {
        this.core.enqueue(
          state,
          {
            kind: "event",
            event: activityOutcomeEvent(activity.taskScheduledId, activity.name, outcome, finishesAt),
          },
          finishesAt,
        );
      }
      await this.core.persist(state);
      if (stops.has("afterComplete")) this.core.halt(`stopped after activity '${activity.name}' completed`);
    } finally {
      this.running.delete(key);
    }
  }

  private async runActivityHandler(
    activity: PendingActivity,
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: unknown }> {
    const injected = this.core.options.faults.takeFailure(activity.name);
    if (injected) return { ok: false, error: injected };
    const registration = this.core.options.registry.find(activity.name, "activityTrigger");
    if (!registration) {
      return {
        ok: false,
        error: new Error(`The function '${activity.name}' doesn't exist or is not an activity function.`),
      };
    }
    try {
      const context = createInvocationContext(
        registration,
        this.core.options.clientData(),
        this.core.options.log,
      );
      return { ok: true, result: await registration.handler(activity.input, context) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}

function activityKey(state: InstanceState, activity: PendingActivity): string {
  return `${state.instanceId}\u0000${activity.seq}`;
}
