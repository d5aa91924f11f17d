/**
 * Fault hooks for tests: stop the host around an activity completion (to prove at-least-once
 * re-execution after a restart) or make an activity fail a number of times before running it.
 */
export interface ActivitySelector {
  /** Activity function name; omit to count every activity. */
  name?: string;
  /** 1-based occurrence among the matching executions of this host. */
  occurrence: number;
  /** Only executions whose input passes (whileActivityRuns). */
  input?: (input: unknown) => boolean;
}

export type StopPoint = "beforeComplete" | "afterComplete";

export class InjectedActivityFailure extends Error {
  constructor(name: string, remaining: number) {
    super(`Injected failure of activity '${name}' (${remaining} more to come)`);
    this.name = "InjectedActivityFailure";
  }
}

/** Runs while an activity is in flight: raise events, call HTTP functions, read state. */
export type WhileRunning = () => unknown;

/** Before the handler (its writes not made yet) or after it returned (its result not recorded yet). */
export type WhileRunningPoint = "beforeHandler" | "afterHandler";

export class Faults {
  private readonly stops: { selector: ActivitySelector; point: StopPoint; seen: number }[] = [];
  private readonly failures = new Map<string, number>();
  private readonly durations = new Map<string, number>();
  private readonly whileRunning: {
    selector: ActivitySelector;
    run: WhileRunning;
    point: WhileRunningPoint;
    seen: number;
  }[] = [];

  /**
   * Executions of this activity take `ms` of virtual time: the handler runs when the activity
   * starts and its result reaches the orchestrator `ms` later, so events, HTTP requests and
   * timers can come in between, as they do while a real activity talks to Graph.
   */
  activityTakes(name: string, ms: number): void {
    if (!(ms >= 0)) throw new Error(`activityTakes: ms must be 0 or more, got ${ms}`);
    this.durations.set(name, ms);
  }

  durationOf(name: string): number {
    return this.durations.get(name) ?? 0;
  }

  /**
   * Calls `run` (awaited) while the selected execution is in flight, before its handler runs or
   * after it returned and before its result is recorded: the orchestrator waits on it meanwhile.
   */
  whileActivityRuns(
    selector: ActivitySelector,
    run: WhileRunning,
    point: WhileRunningPoint = "afterHandler",
  ): void {
    this.whileRunning.push({ selector, run, point, seen: 0 });
  }

  /** Counts the execution (once, at "beforeHandler") and returns the callbacks due at `point`. */
  takeWhileRunning(name: string, input: unknown, point: WhileRunningPoint): WhileRunning[] {
    const due: WhileRunning[] = [];
    for (const hook of this.whileRunning) {
      const { selector } = hook;
      if (selector.name !== undefined && selector.name !== name) continue;
      if (selector.input && !selector.input(input)) continue;
      if (point === "beforeHandler") hook.seen++;
      if (hook.point === point && hook.seen === selector.occurrence) due.push(hook.run);
    }
    return due;
  }

  /** The host halts after running the activity but before recording its result. */
  stopBeforeActivityCompletes(selector: ActivitySelector): void {
    this.stops.push({ selector, point: "beforeComplete", seen: 0 });
  }

  /** The host halts right after recording the activity's result. */
  stopAfterActivityCompletes(selector: ActivitySelector): void {
    this.stops.push({ selector, point: "afterComplete", seen: 0 });
  }

  /** The next `times` executions of this activity fail without running the handler. */
  failActivity(name: string, times: number): void {
    this.failures.set(name, (this.failures.get(name) ?? 0) + times);
  }

  clear(): void {
    this.stops.length = 0;
    this.failures.clear();
    this.durations.clear();
    this.whileRunning.length = 0;
  }

  /** Consumes one injected failure, if any is left for this activity. */
  takeFailure(name: string): InjectedActivityFailure | undefined {
    const left = this.failures.get(name) ?? 0;
    if (left <= 0) return undefined;
    this.failures.set(name, left - 1);
    return new InjectedActivityFailure(name, left - 1);
  }

  /** Counts one execution of `name` and returns the stop points it hits. */
  onActivityExecuted(name: string): Set<StopPoint> {
    const hits = new Set<StopPoint>();
    for (const stop of this.stops) {
      if (stop.selector.name !== undefined && stop.selector.name !== name) continue;
      stop.seen++;
      if (stop.seen === stop.selector.occurrence) hits.add(stop.point);
    }
    return hits;
  }
}
