import { ActivityRunner, type ActivityExecution } from "./activity-runner";
import { EngineCore, type EngineOptions } from "./engine-core";
import { EventType, historyEvent } from "./history-events";
import { createInstance } from "./instance-lifecycle";
import { isTerminal, type InboxMessage, type InstanceState, type PendingActivity } from "./instance-state";
import { OrchestratorRunner } from "./orchestrator-runner";

export type { EngineOptions } from "./engine-core";

export type ClientStatus = 202 | 400 | 404 | 409 | 410;

type ReadyItem =
  | { kind: "message"; state: InstanceState; message: InboxMessage }
  | { kind: "activity"; state: InstanceState; activity: PendingActivity };

/**
 * Runs instances the way the Durable Task framework does: orchestrator episodes over inbox
 * messages, activities as separate work items, timers as messages that become visible at their
 * fire time, all picked in arrival order. Every step is written through to the store.
 */
export class OrchestrationEngine {
  private readonly core: EngineCore;
  private readonly activities: ActivityRunner;
  private readonly orchestrators: OrchestratorRunner;
  private readonly inFlight = new Set<Promise<void>>();
  private draining: Promise<void> | undefined;

  private constructor(private readonly options: EngineOptions) {
    this.core = new EngineCore(options);
    this.activities = new ActivityRunner(this.core);
    this.orchestrators = new OrchestratorRunner(this.core);
  }

  static async open(options: EngineOptions): Promise<OrchestrationEngine> {
    const engine = new OrchestrationEngine(options);
    for (const state of await options.store.list()) engine.core.adopt(state);
    return engine;
  }

  get halted(): string | undefined {
    return this.core.halted;
  }

  halt(reason: string): void {
    this.core.halt(reason);
  }

  flush(): Promise<void> {
    return this.core.flush();
  }

  activityExecutions(name?: string): number {
    return this.activities.executions(name);
  }

  get activityLog(): readonly ActivityExecution[] {
    return this.activities.log;
  }

  getInstance(instanceId: string): InstanceState | undefined {
    return this.core.instances.get(instanceId);
  }

  listInstances(): InstanceState[] {
    return [...this.core.instances.values()];
  }

  // ---- client operations -------------------------------------------------------------

  async startNew(
    name: string,
    instanceId: string,
    inputJson: string | undefined,
  ): Promise<{ status: ClientStatus; message?: string }> {
    if (!this.options.registry.find(name, "orchestrationTrigger")) {
      return {
        status: 400,
        message: `The function '${name}' doesn't exist or is not an orchestrator function.`,
      };
    }
    const existing = this.core.instances.get(instanceId);
    if (existing && !isTerminal(existing.status)) {
      return {
        status: 409,
        message: `An orchestration with instance ID '${instanceId}' already exists and is ${existing.status}.`,
      };
    }
    const state = createInstance({
      instanceId,
      name,
      inputJson,
      now: this.core.now(),
      seq: this.core.nextSeq(),
    });
    this.core.instances.set(instanceId, state);
    await this.core.persist(state);
    return { status: 202 };
  }

  async raiseEvent(
    instanceId: string,
    eventName: string,
    inputJson: string | undefined,
  ): Promise<ClientStatus> {
    const state = this.core.instances.get(instanceId);
    if (!state) return 404;
    if (isTerminal(state.status)) return 410;
    this.core.enqueue(state, {
      kind: "event",
      event: historyEvent(EventType.EventRaised, this.core.now(), { Name: eventName, Input: inputJson }),
    });
    await this.core.persist(state);
    return 202;
  }

  async control(
    instanceId: string,
    kind: "terminate" | "suspend" | "resume",
    reason: string,
  ): Promise<ClientStatus> {
    const state = this.core.instances.get(instanceId);
    if (!state) return 404;
    if (isTerminal(state.status)) return 410;
    this.core.enqueue(state, { kind, reason });
    await this.core.persist(state);
    return 202;
  }

  async purge(instanceId: string): Promise<boolean> {
    const state = this.core.instances.get(instanceId);
    if (!state || !isTerminal(state.status)) return false;
    this.core.instances.delete(instanceId);
    await this.flush();
    return this.core.options.store.delete(instanceId);
  }

  // ---- scheduling ----------------------------------------------------------------------

  private firstReadyMessage(state: InstanceState, now: number): InboxMessage | undefined {
    const processable = state.inbox.filter(
      (m) =>
        Date.parse(m.visibleAt) <= now &&
        (state.status !== "Suspended" || m.kind === "terminate" || m.kind === "resume"),
    );
    const started = processable.find((m) => m.event?.EventType === EventType.ExecutionStarted);
    if (started) return started;
    let best: InboxMessage | undefined;
    for (const message of processable) if (!best || message.seq < best.seq) best = message;
    return best;
  }

  private pickReady(): ReadyItem | undefined {
    const now = this.core.now().getTime();
    let best: ReadyItem | undefined;
    const seqOf = (item: ReadyItem): number =>
      item.kind === "message" ? item.message.seq : item.activity.seq;
    for (const state of this.core.instances.values()) {
      const message = this.firstReadyMessage(state, now);
      if (message && (!best || message.seq < seqOf(best))) best = { kind: "message", state, message };
      for (const activity of state.activities) {
        if (this.activities.isRunning(state, activity)) continue;
        if (!best || activity.seq < seqOf(best)) best = { kind: "activity", state, activity };
      }
    }
    return best;
  }

  /** The earliest future time at which a timer message becomes processable. */
  nextDueTime(): Date | undefined {
    const now = this.core.now().getTime();
    let due: number | undefined;
    for (const state of this.core.instances.values()) {
      if (state.status === "Suspended") continue;
      for (const message of state.inbox) {
        const at = Date.parse(message.visibleAt);
        if (at > now && (due === undefined || at < due)) due = at;
      }
    }
    return due === undefined ? undefined : new Date(due);
  }

  /** Runs everything that is ready at the current time, until nothing is. */
  drain(): Promise<void> {
    const run = (this.draining ?? Promise.resolve()).then(() => this.drainOnce());
    this.draining = run.catch(() => undefined);
    return run;
  }

  private async drainOnce(): Promise<void> {
    while (!this.core.halted) {
      const item = this.pickReady();
      if (!item) {
        if (this.inFlight.size === 0) return;
        await Promise.race(this.inFlight);
        continue;
      }
      if (item.kind === "message") {
        await this.orchestrators.process(item.state, item.message);
        continue;
      }
      if (this.options.activityConcurrency <= 1) {
        await this.activities.execute(item.state, item.activity);
        continue;
      }
      if (this.inFlight.size >= this.options.activityConcurrency) {
        await Promise.race(this.inFlight);
        continue;
      }
      const running = this.activities
        .execute(item.state, item.activity)
        .finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }
  }
}
