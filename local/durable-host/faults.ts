/**
 * Fault hooks for tests: stop the host around an activity completion (to prove at-least-once
 * re-execution after a restart) or make an activity fail a number of times before running it.
 */
export interface ActivitySelector {
  /** Activity function name; omit to count every activity. */
  name?: string;
  /** 1-based occurrence among the matching executions of this host. */
  occurrence: number;
}

export type StopPoint = "beforeComplete" | "afterComplete";

export class InjectedActivityFailure extends Error {
  constructor(name: string, remaining: number) {
    super(`Injected failure of activity '${name}' (${remaining} more to come)`);
    this.name = "InjectedActivityFailure";
  }
}

export class Faults {
  private readonly stops: { selector: ActivitySelector; point: StopPoint; seen: number }[] = [];
  private readonly failures = new Map<string, number>();

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
