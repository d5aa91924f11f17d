import { ManualClock, type Clock } from "../clock";

export type HostClockOptions =
  | { mode: "virtual"; start?: Date | string; clock?: ManualClock }
  | { mode: "paced"; start: Date | string; ratio: number }
  | { mode: "real" };

/** Virtual time paced at `ratio` × real time, for watching a rollout by hand. */
export class PacedClock implements Clock {
  private readonly realStart = Date.now();
  private readonly virtualStart: number;

  constructor(
    start: Date | string,
    private readonly ratio: number,
  ) {
    if (!(ratio > 0)) throw new Error(`clock ratio must be positive, got ${ratio}`);
    this.virtualStart = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.virtualStart + (Date.now() - this.realStart) * this.ratio);
  }

  /** Real milliseconds until the virtual time `at`. */
  realDelayUntil(at: Date): number {
    return Math.max(0, (at.getTime() - this.now().getTime()) / this.ratio);
  }
}

export function createHostClock(options: HostClockOptions): {
  clock: Clock;
  manual?: ManualClock;
  ratio: number;
} {
  switch (options.mode) {
    case "virtual": {
      const manual = options.clock ?? new ManualClock(options.start ?? new Date());
      return { clock: manual, manual, ratio: 1 };
    }
    case "paced":
      return { clock: new PacedClock(options.start, options.ratio), ratio: options.ratio };
    case "real":
      return { clock: { now: () => new Date() }, ratio: 1 };
  }
}
