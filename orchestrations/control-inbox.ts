import type { OrchestrationContext, Task } from "durable-functions";
import { ControlEvents, type ControlEventData, type ControlEventName } from "#shared/domain";

/** A control event received by an execution and not acted on yet. */
export interface PendingControl {
  name: ControlEventName;
  data: ControlEventData;
}

export type Wakeup = { kind: "timer" } | { kind: "event"; name: ControlEventName; data: ControlEventData };

/**
 * The longest durable timer the orchestrators create. The extension sends the SDK
 * `maximumShortTimerDuration` "6.00:00:00"; a timer longer than that becomes the SDK's
 * LongTimerTask (durable-functions 3.5.0 `DurableOrchestrationContext.createTimer`), which the
 * extension re-issues in 3-day chunks (extension v3.x `DurableOrchestrationContext.CreateTimer`).
 * Such a timer cannot be cancelled safely: cancelled after a chunk fired, the replay diverges
 * (NonDeterministicOrchestrationException); cancelled before, the stray chunk's TimerFired makes
 * `LongTimerTask.trySetValue` take a sequence id the extension never issues and the instance
 * hangs. Three days stays well inside the short-timer limit.
 */
export const MAX_TIMER_STEP_MS = 3 * 24 * 3600_000;

/** Which event is taken first when several are waiting: the safest decision comes first. */
const PRIORITY: readonly ControlEventName[] = [
  ControlEvents.abort,
  ControlEvents.pause,
  ControlEvents.resume,
  ControlEvents.approve,
  ControlEvents.retryHeldBack,
  ControlEvents.endWatch,
  ControlEvents.advance,
];

const CARRIED: readonly ControlEventName[] = [
  ControlEvents.abort,
  ControlEvents.pause,
  ControlEvents.retryHeldBack,
  ControlEvents.endWatch,
];

/**
 * Every control event an execution receives, whatever the orchestrator is doing when it arrives.
 *
 * durable-functions 3.5.0 (`TaskOrchestrationExecutor.setTaskValue`) hands an EventRaised to the
 * newest open `waitForExternalEvent` task of that name (`openEvents[name].pop()`) and buffers it
 * only when none is open; `trackOpenTask` pushes a wait task again each time it is yielded. So a
 * wait task left open by an earlier `Task.any`, or yielded twice, silently takes an event the
 * orchestrator will never look at. Here every wait task is yielded exactly once and is kept
 * until its event has been acted on: an event raised while an activity runs, or while another
 * phase waits for other names, lands in a task this inbox still holds.
 *
 * One inbox per execution (per episode's context object, so replay rebuilds the same one).
 */
export class ControlInbox {
  /** Wait tasks per name, oldest first; completed ones hold an event not yet taken. */
  private readonly waits = new Map<ControlEventName, Task[]>();
  /** Arrival rank of each completed wait task, per name in the order its events came. */
  private readonly ranks = new Map<Task, number>();
  private nextRank = 0;
  private readonly carried: PendingControl[] = [];

  constructor(private readonly context: OrchestrationContext) {}

  /** Events an earlier execution received and passed on; they come before any new one. */
  carry(events: readonly PendingControl[] | undefined): void {
    this.carried.push(...(events ?? []));
  }

  /**
   * The first of the named events, or `{kind: "timer"}` at `until`. Long waits are cut into
   * timers of at most MAX_TIMER_STEP_MS; the short timer that loses to an event is cancelled.
   * When several events wait, an abort goes first, then pause, resume, approve,
   * retry-held-back, advance; events of one name are taken in the order they came.
   */
  *wait(names: readonly ControlEventName[], until?: Date): Generator<Task, Wakeup, unknown> {
    // Events came while the orchestrator did something else: let the buffered ones show too.
    if (this.observe()) yield* this.settle();
    for (;;) {
      const ready = this.take(names);
      if (ready) return { kind: "event", ...ready };
      const now = this.context.df.currentUtcDateTime.getTime();
      if (until && now >= until.getTime()) return { kind: "timer" };
      const fresh = this.listenToAll();
      const stepEnd = until ? Math.min(until.getTime(), now + MAX_TIMER_STEP_MS) : undefined;
      const timer = stepEnd === undefined ? undefined : this.context.df.createTimer(new Date(stepEnd));
      const winner = (yield this.context.df.Task.any(timer ? [...fresh, timer] : fresh)) as Task;
      this.observe();
      if (timer && winner === timer) {
        if (until && stepEnd !== undefined && stepEnd >= until.getTime()) {
          const late = this.take(names);
          return late ? { kind: "event", ...late } : { kind: "timer" };
        }
        continue;
      }
      if (timer && !timer.isCompleted) timer.cancel();
    }
  }

  /**
   * Lets every event already sent to this execution arrive before it ends: events with no open
   * wait sit in the SDK's buffer, which only a new wait task reads (`trackOpenTask` replays
   * `deferredTasks`, oldest first, one per new task). Each round registers a wait for every name
   * beside a timer due now; the timer winning means nothing more was buffered.
   */
  *settle(): Generator<Task, void, unknown> {
    for (;;) {
      const fresh = this.listenToAll();
      const timer = this.context.df.createTimer(this.context.df.currentUtcDateTime);
      const winner = (yield this.context.df.Task.any([...fresh, timer])) as Task;
      this.observe();
      if (winner === timer) return;
      timer.cancel();
    }
  }

  /**
   * Events to hand to the next execution (continue-as-new drops what an execution received:
   * the extension's out-of-process shim calls `ContinueAsNew(input)` without
   * `preserveUnprocessedEvents`, and durable-functions 3.5.0 `continueAsNew(input)` has no such
   * flag). Only events that still mean something later are passed on: `approve`, `resume` and
   * `advance` answer a wait that has ended, and an approval must never reach a wave nobody
   * looked at. The inbox is emptied.
   */
  drain(): PendingControl[] {
    this.observe();
    const out: PendingControl[] = [];
    for (let next = this.take(PRIORITY); next; next = this.take(PRIORITY)) {
      if (CARRIED.includes(next.name)) out.push(next);
    }
    return out;
  }

  private take(names: readonly ControlEventName[]): PendingControl | undefined {
    const carriedAt = this.carried.findIndex((event) => names.includes(event.name));
    if (carriedAt >= 0) return this.carried.splice(carriedAt, 1)[0];
    for (const name of PRIORITY) {
      if (!names.includes(name)) continue;
      const list = this.waits.get(name) ?? [];
      let first = -1;
      list.forEach((task, i) => {
        const rank = this.ranks.get(task);
        if (rank !== undefined && (first < 0 || rank < (this.ranks.get(list[first] as Task) ?? 0))) first = i;
      });
      if (first < 0) continue;
      const [task] = list.splice(first, 1) as [Task];
      this.ranks.delete(task);
      return { name, data: (task.result ?? { actor: "unknown" }) as ControlEventData };
    }
    return undefined;
  }

  /**
   * Ranks wait tasks completed since the last look; true if there were any. Between two looks a
   * name's tasks are filled newest first: the SDK pops the newest open wait, and a new wait
   * reads the buffer only once it is the newest.
   */
  private observe(): boolean {
    let found = false;
    for (const list of this.waits.values()) {
      for (let i = list.length - 1; i >= 0; i--) {
        const task = list[i] as Task;
        if (!task.isCompleted || this.ranks.has(task)) continue;
        this.ranks.set(task, this.nextRank++);
        found = true;
      }
    }
    return found;
  }

  /**
   * A new wait task for every control event name, to be yielded once. Older open ones stay
   * registered with the SDK and are read by `take`; none is ever yielded again.
   */
  private listenToAll(): Task[] {
    return PRIORITY.map((name) => {
      const task = this.context.df.waitForExternalEvent(name);
      const list = this.waits.get(name) ?? [];
      list.push(task);
      this.waits.set(name, list);
      return task;
    });
  }
}

const inboxes = new WeakMap<OrchestrationContext, ControlInbox>();

/** The execution's inbox: the SDK gives each episode a fresh context, so replay starts it empty. */
export function controlInbox(context: OrchestrationContext): ControlInbox {
  let inbox = inboxes.get(context);
  if (!inbox) {
    inbox = new ControlInbox(context);
    inboxes.set(context, inbox);
  }
  return inbox;
}
