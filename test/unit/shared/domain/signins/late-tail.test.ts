import {
  createBucketCounter,
  MIN_LATE_ROWS,
  nextLateTail,
  tailFor,
  type LateTailState,
} from "../../../../../shared/domain/signins/late-tail";
import { HOUR, LIMITS, MIN, read, rowsIn, T0 } from "./late-tail-fixtures";

/** Ten rows in every 10-minute bucket of [from, to). */
function even(from: number, to: number, rows = 10): [number, number][] {
  return rowsIn(from, to, rows);
}

/** A first read of [0:00, 5:30], then one at 12:00 of [5:00, 11:30] finding 8 rows late in the bucket from 5:10. */
function twoReads(limits = LIMITS): { first: LateTailState; second: LateTailState } {
  const first = nextLateTail(
    undefined,
    read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR, even(T0, T0 + 5.5 * HOUR)),
    limits,
  );
  const buckets = even(T0 + 5 * HOUR, T0 + 11.5 * HOUR).map(([b, n]): [number, number] =>
    b === T0 + 5 * HOUR + 10 * MIN ? [b, n + 8] : [b, n],
  );
  return {
    first,
    second: nextLateTail(first, read(T0 + 12 * HOUR, T0 + 5 * HOUR, T0 + 11.5 * HOUR, buckets), limits),
  };
}

describe("late tail: how far back a read re-reads the sign-in log", () => {
  it("is zero before any read, and a read with nothing re-read keeps it zero", () => {
    expect(tailFor(undefined, T0)).toBe(0);
    const first = nextLateTail(
      undefined,
      read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR, even(T0, T0 + 5.5 * HOUR)),
      LIMITS,
    );
    expect(first.tail).toBe(0);
    expect(first.tailUsed).toBe(0);
    expect(first.lateRows).toBe(0);
    expect(tailFor(first, T0 + 11.5 * HOUR)).toBe(0);
  });

  it("keeps only the buckets the next read can compare", () => {
    const first = nextLateTail(
      undefined,
      read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR, even(T0, T0 + 5.5 * HOUR)),
      LIMITS,
    );
    const kept = Object.keys(first.buckets).map(Number);
    // The next read starts ATTEMPT_WINDOW before the end of what this one counted (readTo - 10 min).
    expect(Math.min(...kept)).toBeGreaterThanOrEqual(T0 + 5.5 * HOUR - 30 * MIN);
    expect(kept.length).toBeLessThanOrEqual(4);
  });

  it("does not grow when the re-read stretch holds the same rows as before", () => {
    const first = nextLateTail(
      undefined,
      read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR, even(T0, T0 + 5.5 * HOUR)),
      LIMITS,
    );
    const again = nextLateTail(
      first,
      read(T0 + 12 * HOUR, T0 + 5 * HOUR, T0 + 11.5 * HOUR, even(T0 + 5 * HOUR, T0 + 11.5 * HOUR)),
      LIMITS,
    );
    expect(again.rereadRows).toBeGreaterThan(0);
    expect(again.lateRows).toBe(0);
    expect(again.tail).toBe(0);
  });

  it("grows to cover the longest delay a late row can have taken, less settle and the attempt window", () => {
    // The bucket from 5:10 held 10 rows at 6:00 and holds 18 at 12:00: 8 rows arrived late, up to 6 h 50 min.
    const next = twoReads().second;
    expect(next.lateRows).toBe(8);
    expect(next.longestLateMs).toBe(6 * HOUR + 50 * MIN);
    expect(next.tail).toBe(6 * HOUR + 50 * MIN - 30 * MIN - 10 * MIN);
    expect(tailFor(next, T0 + 17.5 * HOUR)).toBe(next.tail);
  });

  it("ignores a few late rows among many (Entra's usual latency leaves well under 2% beyond settle)", () => {
    const first = nextLateTail(
      undefined,
      read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR, even(T0, T0 + 5.5 * HOUR, 100)),
      LIMITS,
    );
    const buckets = even(T0 + 5 * HOUR, T0 + 11.5 * HOUR, 100).map(([b, n]): [number, number] =>
      b === T0 + 5 * HOUR + 10 * MIN ? [b, n + 1] : [b, n],
    );
    const next = nextLateTail(first, read(T0 + 12 * HOUR, T0 + 5 * HOUR, T0 + 11.5 * HOUR, buckets), LIMITS);
    expect(next.lateRows).toBe(1);
    expect(next.tail).toBe(0);
  });

  it(`waits for ${MIN_LATE_ROWS} late rows in all before growing, counting across reads`, () => {
    let state: LateTailState | undefined;
    let at = T0;
    const tails: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Each read starts 20 minutes before the last one ended, as collect-sign-ins' reads do.
      const readFrom = at - 50 * MIN;
      const readTo = at + 5.5 * HOUR;
      // Each read finds one more row than the last in the first whole bucket both read.
      const buckets = even(readFrom, readTo, 3).map(([b, n]): [number, number] =>
        i > 0 && b === readFrom ? [b, n + 1] : [b, n],
      );
      state = nextLateTail(state, read(readTo + 30 * MIN, readFrom, readTo, buckets), LIMITS);
      tails.push(state.tail);
      at += 6 * HOUR;
    }
    expect(tails.slice(0, MIN_LATE_ROWS)).toEqual(Array(MIN_LATE_ROWS).fill(0));
    expect(tails[MIN_LATE_ROWS]).toBeGreaterThan(0);
  });

  it("never shrinks, and stops at maxLateTail", () => {
    const small = { settleMs: 30 * MIN, maxTailMs: 2 * HOUR };
    const grown = twoReads(small).second;
    expect(grown.tail).toBe(2 * HOUR);
    const quiet = nextLateTail(
      grown,
      read(T0 + 18 * HOUR, T0 + 9 * HOUR, T0 + 17.5 * HOUR, even(T0 + 9 * HOUR, T0 + 17.5 * HOUR)),
      small,
    );
    expect(quiet.tail).toBe(2 * HOUR);
  });

  it("a retry of a read (same readTo) uses the tail that read used, whatever was learned since", () => {
    const grown = twoReads().second;
    expect(grown.tail).toBeGreaterThan(0);
    expect(tailFor(grown, T0 + 11.5 * HOUR)).toBe(0);
  });

  it("compares only whole buckets both reads read", () => {
    const first = nextLateTail(
      undefined,
      read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR + 5 * MIN, even(T0, T0 + 6 * HOUR)),
      LIMITS,
    );
    // The bucket from 5:30 was only half read before (up to 5:35): more rows in it now are not late.
    const next = nextLateTail(
      first,
      read(T0 + 12 * HOUR, T0 + 5 * HOUR, T0 + 11.5 * HOUR, even(T0 + 5 * HOUR, T0 + 11.5 * HOUR, 20)),
      LIMITS,
    );
    // Compared: the buckets from 5:10 and 5:20 (the one from 5:00 began before what was kept).
    expect(next.lateRows).toBe(2 * 10);
    expect(next.longestLateMs).toBe(6 * HOUR + 50 * MIN);
  });
});

describe("bucket counter", () => {
  it("counts Graph's seven-digit UTC times per 10-minute stretch, and other spellings by parsing", () => {
    const counter = createBucketCounter();
    counter.add("2026-01-15T08:20:00.0000000Z");
    counter.add("2026-01-15T08:29:59.9999999Z");
    counter.add("2026-01-15T08:30:00.0000001Z");
    counter.add("2026-01-15T09:25:00+01:00");
    counter.add(null);
    counter.add("not a time");
    const buckets = counter.buckets();
    expect(buckets.get(Date.parse("2026-01-15T08:20:00Z"))).toBe(3);
    expect(buckets.get(Date.parse("2026-01-15T08:30:00Z"))).toBe(1);
    expect([...buckets.values()].reduce((a, b) => a + b, 0)).toBe(4);
  });
});
