import type { Clock } from "../shared/clock";

/**
 * The one notion of "now" shared by the local host, the Graph simulator and the rehearsal, so
 * that six weeks of rollout can pass in seconds and every component agrees on the date.
 */
export { systemClock, type Clock } from "../shared/clock";

/**
 * A clock that only moves when told to; time never goes backwards. Its instant lives in a
 * SharedArrayBuffer, so a worker thread (the Graph simulator's) can read the same clock through
 * a SharedClockView, and sees every move at once, before any request sent after it.
 */
export class ManualClock implements Clock {
  readonly buffer = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
  private readonly shared = new BigInt64Array(this.buffer);
  /** Retry-After waits can add fractions of a millisecond; they add up here, as Date would drop them. */
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
    this.publish();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceTo(time: Date): void {
    if (time.getTime() > this.current) this.current = time.getTime();
    this.publish();
  }

  advanceBy(ms: number): void {
    if (ms > 0) this.current += ms;
    this.publish();
  }

  /** What now() answers, whole milliseconds as Date keeps them. */
  private publish(): void {
    Atomics.store(this.shared, 0, BigInt(this.now().getTime()));
  }
}

/** Another thread's read-only view of a ManualClock (its `buffer`). */
export class SharedClockView implements Clock {
  private readonly cell: BigInt64Array;

  constructor(buffer: SharedArrayBuffer) {
    this.cell = new BigInt64Array(buffer);
  }

  now(): Date {
    return new Date(Number(Atomics.load(this.cell, 0)));
  }
}
