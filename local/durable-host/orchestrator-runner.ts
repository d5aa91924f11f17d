import { flattenActions } from "./actions";
import type { EngineCore } from "./engine-core";
import { runEpisode } from "./episode";
import { EventType, historyEvent, type HistoryEvent } from "./history-events";
import {
  continueAsNew,
  createInstance,
  failureDetailsOf,
  markCompleted,
  markFailed,
  markTerminated,
} from "./instance-lifecycle";
import { isTerminal, parseJson, toJson, type InboxMessage, type InstanceState } from "./instance-state";
import { applyEpisode, takesNewIds, type EpisodeEffects } from "./replay";

/** Messages applied in one episode at most; the real host batches too. */
const MAX_BATCH = 100;
/**
 * The extension's custom-status limit (extension v3.x `DurableOrchestrationContext.SetCustomStatus`
 * → `MessagePayloadDataConverter.Serialize(value, 16)`): the JSON's UTF-16 byte count, in whole
 * KB rounded down, must not exceed 16 — about 8,700 characters of ASCII, not 16,384.
 */
const MAX_CUSTOM_STATUS_KB = 16;

export function customStatusTooLarge(json: string): string | undefined {
  const kb = Math.floor(Buffer.byteLength(json, "utf16le") / 1024);
  if (kb <= MAX_CUSTOM_STATUS_KB) return undefined;
  return (
    `The UTF-16 size of the JSON-serialized payload must not exceed ${MAX_CUSTOM_STATUS_KB} KB. ` +
    `The current payload size is ${kb} KB.`
  );
}

/**
 * Applies inbox messages to an instance: control operations directly, everything else through
 * an orchestrator episode of the real SDK, then realises the scheduling the episode recorded.
 */
export class OrchestratorRunner {
  constructor(private readonly core: EngineCore) {}

  async process(state: InstanceState, message: InboxMessage): Promise<void> {
    state.inbox = state.inbox.filter((m) => m !== message);
    const now = this.core.now();
    if (isTerminal(state.status)) {
      await this.core.persist(state);
      return;
    }
    switch (message.kind) {
      case "terminate":
        markTerminated(state, message.reason ?? "", now);
        await this.core.persist(state);
        await this.notifyParent(state);
        return;
      case "suspend":
        if (state.status === "Running" || state.status === "Pending") {
          state.history.push(historyEvent(EventType.ExecutionSuspended, now, { Reason: message.reason }));
          state.status = "Suspended";
          state.lastUpdatedTime = now.toISOString();
        }
        await this.core.persist(state);
        return;
      case "resume":
        if (state.status === "Suspended") {
          state.history.push(historyEvent(EventType.ExecutionResumed, now, { Reason: message.reason }));
          state.status = state.history.some((e) => e.EventType === EventType.ExecutionStarted)
            ? "Running"
            : "Pending";
          state.lastUpdatedTime = now.toISOString();
        }
        await this.core.persist(state);
        return;
      case "event":
        if (message.executionId !== state.executionId || !message.event) {
          await this.core.persist(state);
          return;
        }
        await this.runOrchestrator(state, [message.event, ...this.takeBatch(state, now)], now);
        return;
    }
  }

  /**
   * Further ready events for the same episode, in arrival order, stopping before one that
   * would make the SDK take new ids (see takesNewIds).
   */
  private takeBatch(state: InstanceState, now: Date): HistoryEvent[] {
    const ready = state.inbox
      .filter(
        (m) =>
          m.kind === "event" &&
          m.event &&
          m.executionId === state.executionId &&
          m.event.EventType !== EventType.ExecutionStarted &&
          Date.parse(m.visibleAt) <= now.getTime(),
      )
      .sort((a, b) => a.seq - b.seq);
    const batch: InboxMessage[] = [];
    for (const message of ready) {
      if (batch.length + 1 >= MAX_BATCH || takesNewIds(state, message.event as HistoryEvent)) break;
      batch.push(message);
    }
    state.inbox = state.inbox.filter((m) => !batch.includes(m));
    return batch.map((m) => m.event as HistoryEvent);
  }

  private async runOrchestrator(state: InstanceState, events: HistoryEvent[], now: Date): Promise<void> {
    const registration = this.core.options.registry.find(state.name, "orchestrationTrigger");
    const played = state.history.map((e) => ({ ...e, IsPlayed: true }));
    const newEvents = [
      historyEvent(EventType.OrchestratorStarted, now),
      ...events.map((event) => ({ ...event, Timestamp: now.toISOString(), IsPlayed: false })),
    ];
    state.history = [...played, ...newEvents];
    if (!registration) {
      await this.fail(
        state,
        `The function '${state.name}' doesn't exist or is not an orchestrator function.`,
        undefined,
        now,
      );
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
      effects = applyEpisode(
        state,
        newEvents.slice(1),
        flattenActions(result.actions),
        now,
        this.core.options.maxOrchestrationActions,
      );
    } catch (error) {
      await this.fail(state, `local durable host error: ${String(error)}`, (error as Error).stack, now);
      return;
    }
    for (const warning of effects.warnings) this.core.options.log(`[${state.instanceId}] ${warning}`);
    if (effects.failure) {
      await this.fail(state, effects.failure, undefined, now);
      return;
    }
    const tooLarge = state.customStatus === undefined ? undefined : customStatusTooLarge(state.customStatus);
    if (tooLarge) {
      await this.fail(state, tooLarge, undefined, now);
      return;
    }
    state.history.push(historyEvent(EventType.OrchestratorCompleted, now));
    state.lastUpdatedTime = now.toISOString();
    if (result.isDone && effects.continueAsNew) {
      state.history.push(
        historyEvent(EventType.ContinueAsNew, now, { Result: toJson(effects.continueAsNew.input) }),
      );
      continueAsNew(state, effects.continueAsNew.input, now, this.core.nextSeq());
      await this.core.persist(state);
      return;
    }
    if (result.isDone) {
      markCompleted(state, result.output, now);
      await this.core.persist(state);
      await this.notifyParent(state);
      return;
    }
    state.status = "Running";
    await this.realise(state, effects, now);
    await this.core.persist(state);
  }

  private async fail(
    state: InstanceState,
    message: string,
    details: string | undefined,
    now: Date,
  ): Promise<void> {
    markFailed(state, message, details, now);
    await this.core.persist(state);
    await this.notifyParent(state);
  }

  /** Turns the scheduling the history now records into work items, timers and children. */
  private async realise(state: InstanceState, effects: EpisodeEffects, now: Date): Promise<void> {
    for (const activity of effects.activities) {
      state.activities.push({
        seq: this.core.nextSeq(),
        executionId: state.executionId,
        taskScheduledId: activity.id,
        name: activity.name,
        input: activity.input,
      });
    }
    for (const timer of effects.timers) {
      state.inbox.push({
        seq: this.core.nextSeq(),
        visibleAt: timer.fireAt.toISOString(),
        executionId: state.executionId,
        kind: "event",
        event: historyEvent(EventType.TimerFired, timer.fireAt, {
          TimerId: timer.id,
          FireAt: timer.fireAt.toISOString(),
        }),
      });
    }
    for (const child of effects.subOrchestrations) await this.startChild(state, child, now);
  }

  private async startChild(
    parent: InstanceState,
    child: { id: number; name: string; instanceId: string; input: unknown },
    now: Date,
  ): Promise<void> {
    const ref = { instanceId: parent.instanceId, executionId: parent.executionId, taskScheduledId: child.id };
    const existing = this.core.instances.get(child.instanceId);
    const failParent = (reason: string): void =>
      this.core.enqueue(parent, {
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
    if (!this.core.options.registry.find(child.name, "orchestrationTrigger")) {
      failParent(`The function '${child.name}' doesn't exist or is not an orchestrator function.`);
      return;
    }
    const state = createInstance({
      instanceId: child.instanceId,
      name: child.name,
      inputJson: toJson(child.input),
      now,
      seq: this.core.nextSeq(),
      parent: ref,
    });
    this.core.instances.set(child.instanceId, state);
    // The child is saved before its parent, so a restart never loses a started child.
    await this.core.persist(state);
  }

  private async notifyParent(child: InstanceState): Promise<void> {
    const ref = child.parent;
    if (!ref) return;
    const parent = this.core.instances.get(ref.instanceId);
    if (!parent || parent.executionId !== ref.executionId || isTerminal(parent.status)) return;
    const now = this.core.now();
    const event =
      child.status === "Completed"
        ? historyEvent(EventType.SubOrchestrationInstanceCompleted, now, {
            TaskScheduledId: ref.taskScheduledId,
            Result: child.output ?? "null",
          })
        : historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
            TaskScheduledId: ref.taskScheduledId,
            Reason:
              child.failure?.message ??
              `Sub-orchestration '${child.instanceId}' was ${child.status.toLowerCase()}`,
            Details: child.failure?.details ?? "",
            FailureDetails: failureDetailsOf(
              child.failure?.message ??
                `Sub-orchestration '${child.instanceId}' was ${child.status.toLowerCase()}`,
              child.failure?.details,
            ),
          });
    this.core.enqueue(parent, { kind: "event", event });
    await this.core.persist(parent);
  }
}
