import type { Clock } from "../clock";
import { flattenActions } from "./actions";
import { activityOutcomeEvent } from "./activity-outcome";
import type { DurableClientData } from "./client-data";
import { runEpisode } from "./episode";
import type { Faults } from "./faults";
import { EventType, historyEvent, type HistoryEvent } from "./history-events";
import {
  continueAsNew,
  createInstance,
  failureDetailsOf,
  markCompleted,
  markFailed,
  markTerminated,
} from "./instance-lifecycle";
import {
  isTerminal,
  parseJson,
  toJson,
  type InboxMessage,
  type InstanceState,
  type PendingActivity,
} from "./instance-state";
import type { InstanceStore } from "./instance-store";
import { createInvocationContext, type HostLog } from "./invocation-context";
import type { Registry } from "./registry";
import { applyEpisode, type EpisodeEffects } from "./replay";

/** Custom status is limited to 16 KB by the extension. */
const MAX_CUSTOM_STATUS_CHARS = 16 * 1024;

export interface EngineOptions {
  registry: Registry;
  store: InstanceStore;
  clock: Clock;
  faults: Faults;
  log: HostLog;
  clientData: () => DurableClientData;
  activityConcurrency: number;
}

export type ClientStatus = 202 | 400 | 404 | 409 | 410;

type ReadyItem =
  | { kind: "message"; state: InstanceState; message: InboxMessage }
  | { kind: "activity"; state: InstanceState; activity: PendingActivity };

/**
 * Runs instances the way the Durable Task framework does: one inbox message per orchestrator
 * episode, activities as separate work items, timers as messages that become visible at their
 * fire time. Every step is written through to the store.
 */
export class OrchestrationEngine {
  private readonly instances = new Map<string, InstanceState>();
  private readonly runningActivities = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly saveChains = new Map<string, Promise<void>>();
  private readonly executionCounts = new Map<string, number>();
  private seq = 0;
  private haltedBy: string | undefined;
  private draining: Promise<void> | undefined;

  private constructor(private readonly options: EngineOptions) {}

  static async open(options: EngineOptions): Promise<OrchestrationEngine> {
    const engine = new OrchestrationEngine(options);
    for (const state of await options.store.list()) {
      engine.instances.set(state.instanceId, state);
      for (const item of [...state.inbox, ...state.activities]) engine.seq = Math.max(engine.seq, item.seq + 1);
    }
    return engine;
  }

  get halted(): string | undefined {
    return this.haltedBy;
  }

  halt(reason: string): void {
    this.haltedBy ??= reason;
  }

  /** Waits for queued writes, so a host started next on the same store sees everything. */
  async flush(): Promise<void> {
    await Promise.all([...this.saveChains.values()]);
  }

  activityExecutions(name?: string): number {
    if (name !== undefined) return this.executionCounts.get(name) ?? 0;
    let total = 0;
    for (const count of this.executionCounts.values()) total += count;
    return total;
  }

  getInstance(instanceId: string): InstanceState | undefined {
    return this.instances.get(instanceId);
  }

  listInstances(): InstanceState[] {
    return [...this.instances.values()];
  }

  private now(): Date {
    return this.options.clock.now();
  }

  private nextSeq(): number {
    return this.seq++;
  }

  private persist(state: InstanceState): Promise<void> {
    if (this.haltedBy) return Promise.resolve();
    const snapshot = JSON.parse(JSON.stringify(state)) as InstanceState;
    const previous = this.saveChains.get(state.instanceId) ?? Promise.resolve();
    const next = previous.then(() => this.options.store.save(snapshot));
    this.saveChains.set(state.instanceId, next);
    return next;
  }

  // ---- client operations -------------------------------------------------------------

  async startNew(
    name: string,
    instanceId: string,
    inputJson: string | undefined,
  ): Promise<{ status: ClientStatus; message?: string }> {
    if (!this.options.registry.find(name, "orchestrationTrigger")) {
      return { status: 400, message: `The function '${name}' doesn't exist or is not an orchestrator function.` };
    }
    const existing = this.instances.get(instanceId);
    if (existing && !isTerminal(existing.status)) {
      return {
        status: 409,
        message: `An orchestration with instance ID '${instanceId}' already exists and is ${existing.status}.`,
      };
    }
    const state = createInstance({ instanceId, name, inputJson, now: this.now(), seq: this.nextSeq() });
    this.instances.set(instanceId, state);
    await this.persist(state);
    return { status: 202 };
  }

  async raiseEvent(instanceId: string, eventName: string, inputJson: string | undefined): Promise<ClientStatus> {
    const state = this.instances.get(instanceId);
    if (!state) return 404;
    if (isTerminal(state.status)) return 410;
    this.enqueue(state, {
      kind: "event",
      event: historyEvent(EventType.EventRaised, this.now(), { Name: eventName, Input: inputJson }),
    });
    await this.persist(state);
    return 202;
  }

  async control(instanceId: string, kind: "terminate" | "suspend" | "resume", reason: string): Promise<ClientStatus> {
    const state = this.instances.get(instanceId);
    if (!state) return 404;
    if (isTerminal(state.status)) return 410;
    this.enqueue(state, { kind, reason });
    await this.persist(state);
    return 202;
  }

  async purge(instanceId: string): Promise<boolean> {
    const state = this.instances.get(instanceId);
    if (!state || !isTerminal(state.status)) return false;
    this.instances.delete(instanceId);
    await this.flush();
    return this.options.store.delete(instanceId);
  }

  private enqueue(state: InstanceState, message: Omit<InboxMessage, "seq" | "visibleAt" | "executionId">): void {
    state.inbox.push({
      seq: this.nextSeq(),
      visibleAt: this.now().toISOString(),
      executionId: state.executionId,
      ...message,
    });
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
    const now = this.now().getTime();
    let best: ReadyItem | undefined;
    const seqOf = (item: ReadyItem): number => (item.kind === "message" ? item.message.seq : item.activity.seq);
    for (const state of this.instances.values()) {
      const message = this.firstReadyMessage(state, now);
      if (message && (!best || message.seq < seqOf(best))) best = { kind: "message", state, message };
      for (const activity of state.activities) {
        if (this.runningActivities.has(activityKey(state, activity))) continue;
        if (!best || activity.seq < seqOf(best)) best = { kind: "activity", state, activity };
      }
    }
    return best;
  }

  /** The earliest future time at which a timer message becomes processable. */
  nextDueTime(): Date | undefined {
    const now = this.now().getTime();
    let due: number | undefined;
    for (const state of this.instances.values()) {
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
    while (!this.haltedBy) {
      const item = this.pickReady();
      if (!item) {
        if (this.inFlight.size === 0) return;
        await Promise.race(this.inFlight);
        continue;
      }
      if (item.kind === "message") {
        await this.processMessage(item.state, item.message);
        continue;
      }
      if (this.options.activityConcurrency <= 1) {
        await this.executeActivity(item.state, item.activity);
        continue;
      }
      if (this.inFlight.size >= this.options.activityConcurrency) {
        await Promise.race(this.inFlight);
        continue;
      }
      const running = this.executeActivity(item.state, item.activity).finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }
  }

  // ---- activities ----------------------------------------------------------------------

  private async executeActivity(state: InstanceState, activity: PendingActivity): Promise<void> {
    const key = activityKey(state, activity);
    this.runningActivities.add(key);
    try {
      this.executionCounts.set(activity.name, (this.executionCounts.get(activity.name) ?? 0) + 1);
      const outcome = await this.runActivityHandler(activity);
      if (this.haltedBy) return;
      const stops = this.options.faults.onActivityExecuted(activity.name);
      if (stops.has("beforeComplete")) {
        this.halt(`stopped before activity '${activity.name}' completed`);
        return;
      }
      state.activities = state.activities.filter((a) => a !== activity);
      if (state.executionId === activity.executionId && !isTerminal(state.status)) {
        this.enqueue(state, { kind: "event", event: activityOutcomeEvent(activity.taskScheduledId, outcome, this.now()) });
      }
      await this.persist(state);
      if (stops.has("afterComplete")) this.halt(`stopped after activity '${activity.name}' completed`);
    } finally {
      this.runningActivities.delete(key);
    }
  }

  private async runActivityHandler(
    activity: PendingActivity,
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: unknown }> {
    const injected = this.options.faults.takeFailure(activity.name);
    if (injected) return { ok: false, error: injected };
    const registration = this.options.registry.find(activity.name, "activityTrigger");
    if (!registration) {
      return {
        ok: false,
        error: new Error(`The function '${activity.name}' doesn't exist or is not an activity function.`),
      };
    }
    try {
      const context = createInvocationContext(registration, this.options.clientData(), this.options.log);
      return { ok: true, result: await registration.handler(activity.input, context) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  // ---- orchestrator episodes -------------------------------------------------------------

  private async processMessage(state: InstanceState, message: InboxMessage): Promise<void> {
    state.inbox = state.inbox.filter((m) => m !== message);
    const now = this.now();
    if (isTerminal(state.status)) {
      await this.persist(state);
      return;
    }
    switch (message.kind) {
      case "terminate":
        markTerminated(state, message.reason ?? "", now);
        await this.persist(state);
        await this.notifyParent(state);
        return;
      case "suspend":
        if (state.status === "Running" || state.status === "Pending") {
          state.history.push(historyEvent(EventType.ExecutionSuspended, now, { Reason: message.reason }));
          state.status = "Suspended";
          state.lastUpdatedTime = now.toISOString();
        }
        await this.persist(state);
        return;
      case "resume":
        if (state.status === "Suspended") {
          state.history.push(historyEvent(EventType.ExecutionResumed, now, { Reason: message.reason }));
          state.status = state.history.some((e) => e.EventType === EventType.ExecutionStarted)
            ? "Running"
            : "Pending";
          state.lastUpdatedTime = now.toISOString();
        }
        await this.persist(state);
        return;
      case "event":
        if (message.executionId !== state.executionId || !message.event) {
          await this.persist(state);
          return;
        }
        await this.runOrchestrator(state, message.event, now);
        return;
    }
  }

  private async runOrchestrator(state: InstanceState, event: HistoryEvent, now: Date): Promise<void> {
    const registration = this.options.registry.find(state.name, "orchestrationTrigger");
    const played = state.history.map((e) => ({ ...e, IsPlayed: true }));
    const newEvents = [
      historyEvent(EventType.OrchestratorStarted, now),
      { ...event, Timestamp: now.toISOString(), IsPlayed: false },
    ];
    state.history = [...played, ...newEvents];
    if (!registration) {
      await this.fail(state, `The function '${state.name}' doesn't exist or is not an orchestrator function.`, undefined, now);
      return;
    }
    const result = await runEpisode(registration, {
      instanceId: state.instanceId,
      parentInstanceId: state.parent?.instanceId,
      input: parseJson(state.input),
      history: JSON.parse(JSON.stringify(state.history)) as HistoryEvent[],
    });
    if (result.customStatus !== undefined) state.customStatus = toJson(result.customStatus);
    if (!result.ok) {
      await this.fail(state, result.message, result.details, now);
      return;
    }
    let effects: EpisodeEffects;
    try {
      effects = applyEpisode(state, newEvents[1] as HistoryEvent, flattenActions(result.actions), now);
    } catch (error) {
      await this.fail(state, `local durable host error: ${String(error)}`, (error as Error).stack, now);
      return;
    }
    for (const warning of effects.warnings) this.options.log(`[${state.instanceId}] ${warning}`);
    if (effects.failure) {
      await this.fail(state, effects.failure, undefined, now);
      return;
    }
    if (state.customStatus !== undefined && state.customStatus.length > MAX_CUSTOM_STATUS_CHARS) {
      await this.fail(state, `Custom status is ${state.customStatus.length} characters; the limit is 16 KB.`, undefined, now);
      return;
    }
    state.history.push(historyEvent(EventType.OrchestratorCompleted, now));
    state.lastUpdatedTime = now.toISOString();
    if (result.isDone && effects.continueAsNew) {
      state.history.push(historyEvent(EventType.ContinueAsNew, now, { Result: toJson(effects.continueAsNew.input) }));
      continueAsNew(state, effects.continueAsNew.input, now, this.nextSeq());
      await this.persist(state);
      return;
    }
    if (result.isDone) {
      markCompleted(state, result.output, now);
      await this.persist(state);
      await this.notifyParent(state);
      return;
    }
    state.status = "Running";
    await this.realise(state, effects, now);
    await this.persist(state);
  }

  private async fail(state: InstanceState, message: string, details: string | undefined, now: Date): Promise<void> {
    markFailed(state, message, details, now);
    await this.persist(state);
    await this.notifyParent(state);
  }

  /** Turns the scheduling the history now records into work items, timers and children. */
  private async realise(state: InstanceState, effects: EpisodeEffects, now: Date): Promise<void> {
    for (const activity of effects.activities) {
      state.activities.push({
        seq: this.nextSeq(),
        executionId: state.executionId,
        taskScheduledId: activity.id,
        name: activity.name,
        input: activity.input,
      });
    }
    for (const timer of effects.timers) {
      state.inbox.push({
        seq: this.nextSeq(),
        visibleAt: timer.fireAt.toISOString(),
        executionId: state.executionId,
        kind: "event",
        event: historyEvent(EventType.TimerFired, timer.fireAt, { TimerId: timer.id, FireAt: timer.fireAt.toISOString() }),
      });
    }
    if (effects.cancelTimerIds.length > 0) {
      state.inbox = state.inbox.filter(
        (m) => !(m.event?.EventType === EventType.TimerFired && effects.cancelTimerIds.includes(m.event.TimerId ?? -1)),
      );
    }
    for (const child of effects.subOrchestrations) await this.startChild(state, child, now);
  }

  private async startChild(
    parent: InstanceState,
    child: { id: number; name: string; instanceId: string; input: unknown },
    now: Date,
  ): Promise<void> {
    const ref = { instanceId: parent.instanceId, executionId: parent.executionId, taskScheduledId: child.id };
    const existing = this.instances.get(child.instanceId);
    const failParent = (reason: string): void =>
      this.enqueue(parent, {
        kind: "event",
        event: historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
          TaskScheduledId: child.id,
          Reason: reason,
          Details: "",
          FailureDetails: failureDetailsOf(reason),
        }),
      });
    if (existing && !isTerminal(existing.status)) {
      const sameStart =
        existing.parent?.instanceId === ref.instanceId &&
        existing.parent.executionId === ref.executionId &&
        existing.parent.taskScheduledId === ref.taskScheduledId;
      if (!sameStart) failParent(`An orchestration with instance ID '${child.instanceId}' already exists.`);
      return;
    }
    if (!this.options.registry.find(child.name, "orchestrationTrigger")) {
      failParent(`The function '${child.name}' doesn't exist or is not an orchestrator function.`);
      return;
    }
    const state = createInstance({
      instanceId: child.instanceId,
      name: child.name,
      inputJson: toJson(child.input),
      now,
      seq: this.nextSeq(),
      parent: ref,
    });
    this.instances.set(child.instanceId, state);
    // The child is saved before its parent, so a restart never loses a started child.
    await this.persist(state);
  }

  private async notifyParent(child: InstanceState): Promise<void> {
    const ref = child.parent;
    if (!ref) return;
    const parent = this.instances.get(ref.instanceId);
    if (!parent || parent.executionId !== ref.executionId || isTerminal(parent.status)) return;
    const now = this.now();
    const event =
      child.status === "Completed"
        ? historyEvent(EventType.SubOrchestrationInstanceCompleted, now, {
            TaskScheduledId: ref.taskScheduledId,
            Result: child.output ?? "null",
          })
        : historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
            TaskScheduledId: ref.taskScheduledId,
            Reason: child.failure?.message ?? `Sub-orchestration '${child.instanceId}' was ${child.status.toLowerCase()}`,
            Details: child.failure?.details ?? "",
            FailureDetails: failureDetailsOf(
              child.failure?.message ?? `Sub-orchestration '${child.instanceId}' was ${child.status.toLowerCase()}`,
              child.failure?.details,
            ),
          });
    this.enqueue(parent, { kind: "event", event });
    await this.persist(parent);
  }
}

function activityKey(state: InstanceState, activity: PendingActivity): string {
  return `${state.instanceId}\u0000${activity.seq}`;
}
