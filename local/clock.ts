import type { Clock } from "../shared/clock";

/**
 * The one notion of "now" shared by the local host, the Graph simulator and the rehearsal, so
 * that six weeks of rollout can pass in seconds and every component agrees on the date.
 */
export { systemClock, type Clock } from "../shared/clock";

/** A clock that only moves when told to; time never goes backwards. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceTo(time: Date): void {
    if (time.getTime() > this.current) this.current = time.getTime();
  }

  advanceBy(ms: number): void {
    if (ms > 0) this.current += ms;
  }
}
