import { ActionType, actionLabel, fireAtOf, type WireAction } from "./actions";
import { EventType, historyEvent, type HistoryEvent } from "./history-events";
import type { HostTask, InstanceState } from "./instance-state";
import { checkDeterminism } from "./nondeterminism";
import { nextRetryDelayMs } from "./retry";
import { isLongTimer, nextTimerChunk } from "./timers";

/** Work the engine must start after an episode; the history already records it. */
export interface EpisodeEffects {
  activities: { id: number; name: string; input: unknown }[];
  timers: { id: number; fireAt: Date }[];
  subOrchestrations: { id: number; name: string; instanceId: string; input: unknown }[];
  continueAsNew?: { input: unknown };
  /** Set when the episode cannot go on: non-determinism or an unsupported action. */
  failure?: string;
  /** Retries the SDK will wait on forever because retryTimeout elapsed (a known SDK gap). */
  warnings: string[];
}

/** Activity (and continue-as-new) inputs that are strings arrive JSON.stringify'd from the SDK. */
export function decodeProcessedInput(input: unknown): unknown {
  return typeof input === "string" ? (JSON.parse(input) as unknown) : input;
}

function emptyEffects(): EpisodeEffects {
  return { activities: [], timers: [], subOrchestrations: [], warnings: [] };
}

/**
 * Whether applying this event makes the SDK take new sequence ids (a retry's timer or next
 * attempt, a long timer's next chunk). Such an event can only open an episode's batch: the
 * host cannot tell which new actions the SDK issued before and after it otherwise.
 */
export function takesNewIds(state: InstanceState, event: HistoryEvent): boolean {
  return state.hostTasks.some((task) => {
    if (task.kind === "activityRetry" || task.kind === "subOrchestrationRetry") {
      if (event.EventType === EventType.TimerFired)
        return task.state === "waitingTimer" && task.timerId === event.TimerId;
      const failed =
        event.EventType === EventType.TaskFailed ||
        event.EventType === EventType.SubOrchestrationInstanceFailed;
      return failed && task.state === "running" && task.currentId === event.TaskScheduledId;
    }
    return (
      task.kind === "longTimer" &&
      !task.done &&
      event.EventType === EventType.TimerFired &&
      task.currentId === event.TimerId
    );
  });
}

/**
 * Applies one episode's actions to the instance, mirroring the order in which the SDK takes
 * sequence ids: first the tasks the new events advance (retry timers and re-attempts, long
 * timer chunks; only the first event of a batch may do so), then the actions the orchestrator
 * issued, depth-first.
 */
export function applyEpisode(
  state: InstanceState,
  newEvents: HistoryEvent[],
  actions: WireAction[],
  now: Date,
  maxActions?: number,
): EpisodeEffects {
  const effects = emptyEffects();
  const mismatch = checkDeterminism(state.history, state.hostTasks, actions);
  if (mismatch) {
    effects.failure = mismatch;
    return effects;
  }
  const scheduler = new Scheduler(state, now, effects);
  for (const event of newEvents) scheduler.advance(event);
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i] as WireAction;
    const task = state.hostTasks[i];
    if (task) scheduler.applyCancellation(task, action);
    else {
      const created = scheduler.start(action);
      if (!created) return effects;
      state.hostTasks.push(created);
    }
    if (effects.failure) return effects;
  }
  const limit = maxActions ?? MAX_ORCHESTRATION_ACTIONS;
  if (countedActions(state.hostTasks) > limit) {
    effects.failure =
      `Maximum amount of orchestration actions (${limit}) has been reached. ` +
      "This value can be configured in host.json file as MaxOrchestrationActions.";
  }
  return effects;
}

/**
 * The extension's default `MaxOrchestrationActions` (extension v3.x `DurableTaskOptions`): every
 * `CallActivity[WithRetry]`, sub-orchestration call and timer (each long-timer chunk) it replays
 * for one execution counts (`DurableOrchestrationContext.IncrementActionsOrThrowException`);
 * retry attempts inside DTFx and waits for events do not. One more fails the instance.
 */
export const MAX_ORCHESTRATION_ACTIONS = 100_000;

function countedActions(tasks: readonly HostTask[]): number {
  let count = 0;
  for (const task of tasks) {
    if (task.kind === "longTimer") count += task.ids.length;
    else if (task.kind !== "event" && task.kind !== "continueAsNew") count += 1;
  }
  return count;
}

class Scheduler {
  constructor(
    private readonly state: InstanceState,
    private readonly now: Date,
    private readonly effects: EpisodeEffects,
  ) {}

  private nextId(): number {
    return this.state.nextSequenceId++;
  }

  private record(event: HistoryEvent): void {
    this.state.history.push(event);
  }

  private scheduleActivity(id: number, name: string, input: unknown): void {
    this.record(
      historyEvent(EventType.TaskScheduled, this.now, {
        EventId: id,
        Name: name,
        Input: JSON.stringify(input),
      }),
    );
    this.effects.activities.push({ id, name, input });
  }

  private scheduleTimer(id: number, fireAt: Date): void {
    this.record(
      historyEvent(EventType.TimerCreated, this.now, { EventId: id, FireAt: fireAt.toISOString() }),
    );
    this.effects.timers.push({ id, fireAt });
  }

  private scheduleSubOrchestration(id: number, name: string, instanceId: string, input: unknown): void {
    this.record(
      historyEvent(EventType.SubOrchestrationInstanceCreated, this.now, {
        EventId: id,
        Name: name,
        InstanceId: instanceId,
        Input: input === undefined ? undefined : JSON.stringify(input),
      }),
    );
    this.effects.subOrchestrations.push({ id, name, instanceId, input });
  }

  start(action: WireAction): HostTask | undefined {
    const name = action.functionName ?? "";
    switch (action.actionType) {
      case ActionType.CallActivity: {
        const id = this.nextId();
        this.scheduleActivity(id, name, decodeProcessedInput(action.input));
        return { kind: "activity", name, id, done: false };
      }
      case ActionType.CallActivityWithRetry:
      case ActionType.CallSubOrchestratorWithRetry: {
        const id = this.nextId();
        const isActivity = action.actionType === ActionType.CallActivityWithRetry;
        const input = isActivity ? decodeProcessedInput(action.input) : action.input;
        const childInstanceId = isActivity
          ? undefined
          : (action.instanceId ?? `${this.state.instanceId}:${id}`);
        if (isActivity) this.scheduleActivity(id, name, input);
        else this.scheduleSubOrchestration(id, name, childInstanceId as string, input);
        if (!action.retryOptions) throw new Error(`${actionLabel(action)} has no retryOptions`);
        return {
          kind: isActivity ? "activityRetry" : "subOrchestrationRetry",
          name,
          ids: [id],
          currentId: id,
          failedAttempts: 0,
          firstAttemptAt: this.now.toISOString(),
          retry: action.retryOptions,
          input,
          childInstanceId,
          state: "running",
        };
      }
      case ActionType.CallSubOrchestrator: {
        const id = this.nextId();
        const childInstanceId = action.instanceId ?? `${this.state.instanceId}:${id}`;
        this.scheduleSubOrchestration(id, name, childInstanceId, action.input);
        return { kind: "subOrchestration", name, id, childInstanceId, done: false };
      }
      case ActionType.CreateTimer: {
        const id = this.nextId();
        const finalFireAt = fireAtOf(action);
        if (isLongTimer(finalFireAt, this.now)) {
          this.scheduleTimer(id, nextTimerChunk(finalFireAt, this.now));
          return {
            kind: "longTimer",
            ids: [id],
            currentId: id,
            finalFireAt: finalFireAt.toISOString(),
            done: false,
          };
        }
        this.scheduleTimer(id, finalFireAt);
        return { kind: "timer", id, fireAt: finalFireAt.toISOString(), done: false };
      }
      case ActionType.WaitForExternalEvent:
        return { kind: "event", name: action.externalEventName ?? "" };
      case ActionType.ContinueAsNew:
        this.effects.continueAsNew = { input: decodeProcessedInput(action.input) };
        return { kind: "continueAsNew" };
      default:
        this.effects.failure =
          `${actionLabel(action)} is not supported by the local durable host ` +
          "(entities and durable HTTP are not implemented)";
        return undefined;
    }
  }

  /**
   * What the extension does with `isCanceled` (extension v3.x `OutOfProcOrchestrationShim`
   * `InvokeAPIFromAction`: CreateTimer, then `cts.Cancel()` at once, on every replay). It cannot
   * delete a scheduled timer message, so the TimerFired still arrives and is ignored by the
   * extension; the SDK hands it to the cancelled task.
   * A long timer goes through `DurableOrchestrationContext.CreateTimer`'s chunk loop, which the
   * cancelled token stops after the first chunk: a replay of a timer that had reached its second
   * chunk no longer schedules it and DurableTask.Core fails the instance (non-determinism). One
   * cancelled before its first chunk fired replays the same, but when that chunk fires,
   * durable-functions 3.5.0 `LongTimerTask.trySetValue` opens the next chunk with a sequence id
   * the extension never issues: every later result reaches the wrong task and the instance hangs.
   * The host does the same and does not tidy it up.
   */
  applyCancellation(task: HostTask, action: WireAction): void {
    if (action.actionType !== ActionType.CreateTimer || !action.isCanceled) return;
    if (task.kind === "timer") task.done = true;
    else if (task.kind === "longTimer" && !task.done) {
      task.done = true;
      const stray = task.ids[1];
      if (stray !== undefined) {
        this.effects.failure =
          "Non-Deterministic workflow detected: A previous execution of this orchestration scheduled " +
          `a timer task with sequence ID ${stray} but the current replay execution hasn't (yet?) ` +
          "scheduled this task. Was a change made to the orchestrator code after this instance had " +
          "already started running? (a cancelled long timer: the extension replays only its first chunk)";
      }
    }
  }

  /** Moves the host task the new event belongs to, taking new ids where the SDK takes them. */
  advance(event: HistoryEvent): void {
    switch (event.EventType) {
      case EventType.TaskCompleted:
      case EventType.SubOrchestrationInstanceCompleted:
        this.completeById(event.TaskScheduledId);
        break;
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceFailed:
        this.failById(event.TaskScheduledId);
        break;
      case EventType.TimerFired:
        this.timerFired(event.TimerId);
        break;
      default:
        break;
    }
  }

  private completeById(id: number | undefined): void {
    for (const task of this.state.hostTasks) {
      if ((task.kind === "activity" || task.kind === "subOrchestration") && task.id === id) task.done = true;
      if ((task.kind === "activityRetry" || task.kind === "subOrchestrationRetry") && task.currentId === id) {
        if (task.state === "running") task.state = "done";
      }
    }
  }

  private failById(id: number | undefined): void {
    for (const task of this.state.hostTasks) {
      if ((task.kind === "activity" || task.kind === "subOrchestration") && task.id === id) task.done = true;
      if (
        (task.kind === "activityRetry" || task.kind === "subOrchestrationRetry") &&
        task.currentId === id &&
        task.state === "running"
      ) {
        task.failedAttempts++;
        // The SDK reserves the retry timer's id on every failure, even when no timer follows.
        const timerId = this.nextId();
        const delay = nextRetryDelayMs(
          task.retry,
          task.failedAttempts,
          new Date(task.firstAttemptAt),
          this.now,
        );
        if (delay > 0) {
          task.timerId = timerId;
          task.state = "waitingTimer";
          this.scheduleTimer(timerId, new Date(this.now.getTime() + delay));
        } else {
          task.state = "done";
          this.effects.warnings.push(
            `retryTimeout elapsed for '${task.name}' after ${task.failedAttempts} attempt(s): ` +
              "no retry timer is created and the orchestrator will wait forever (durable-functions behaviour)",
          );
        }
      }
    }
  }

  private timerFired(id: number | undefined): void {
    for (const task of this.state.hostTasks) {
      if (task.kind === "timer" && task.id === id) task.done = true;
      if (task.kind === "longTimer" && task.currentId === id && !task.done) {
        const finalFireAt = new Date(task.finalFireAt);
        if (finalFireAt.getTime() > this.now.getTime()) {
          const next = this.nextId();
          task.ids.push(next);
          task.currentId = next;
          this.scheduleTimer(next, nextTimerChunk(finalFireAt, this.now));
        } else task.done = true;
      }
      if (
        (task.kind === "activityRetry" || task.kind === "subOrchestrationRetry") &&
        task.state === "waitingTimer" &&
        task.timerId === id
      ) {
        if (task.failedAttempts >= task.retry.maxNumberOfAttempts) {
          task.state = "done";
          continue;
        }
        const attemptId = this.nextId();
        task.ids.push(attemptId);
        task.currentId = attemptId;
        task.state = "running";
        if (task.kind === "activityRetry") this.scheduleActivity(attemptId, task.name, task.input);
        else this.scheduleSubOrchestration(attemptId, task.name, task.childInstanceId as string, task.input);
      }
    }
  }
}
