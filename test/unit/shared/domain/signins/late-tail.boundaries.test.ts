// The late tail's limits on both sides: which buckets a read compares with the one before, when
// late rows are a material share, and that a retry of a read learns nothing new. A tail that grows
// for nothing delays every wave's evidence; one that does not grow counts attempts whose failures
// have not reached the log yet.

import { nextLateTail, type LateTailState } from "../../../../../shared/domain/signins/late-tail";
import { HOUR, LIMITS, MIN, read, rowsIn, T0 } from "./late-tail-fixtures";

/** The first read: [0:00, 5:30] read at 6:00. It keeps the buckets from 5:00 for the next read. */
const first: LateTailState = nextLateTail(
  undefined,
  read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR, rowsIn(T0, T0 + 5.5 * HOUR, 10)),
  LIMITS,
);

/** The next read, at 12:00, of [5:00, 11:30]. */
const second = (buckets: [number, number][]) =>
  nextLateTail(first, read(T0 + 12 * HOUR, T0 + 5 * HOUR, T0 + 11.5 * HOUR, buckets), LIMITS);

describe("late tail: the buckets compared with the read before", () => {
  it("include the last one the earlier read saw whole (5:20 to 5:30, ending where it read to)", () => {
    const next = second(rowsIn(T0 + 5 * HOUR, T0 + 11.5 * HOUR, 10, [[T0 + 5 * HOUR + 20 * MIN, 8]]));
    expect(next.lateRows).toBe(8);
    // 8 late rows of 38 re-read: the tail grows to cover a row 6 h 40 min late, less settle and
    // the attempt window.
    expect(next.rereadRows).toBe(38);
    expect(next.tail).toBe(6 * HOUR + 40 * MIN - 30 * MIN - 10 * MIN);
  });

  it("not the one after it, which the earlier read never saw (5:30 to 5:40)", () => {
    const next = second(rowsIn(T0 + 5 * HOUR, T0 + 11.5 * HOUR, 10, [[T0 + 5.5 * HOUR, 8]]));
    expect(next.lateRows).toBe(0);
    expect(next.rereadRows).toBe(30);
    expect(next.tail).toBe(0);
  });
});

describe("late tail: late rows are material at MATERIAL_LATE_SHARE (2%) of the rows re-read", () => {
  // The three buckets compared (5:00, 5:10, 5:20) hold the same rows in both reads, but for 5
  // more in 5:10 now.
  const withRereadRows = (rows: number) => {
    const busy: [number, number] = [T0 + 5 * HOUR, rows - 25];
    const before = nextLateTail(
      undefined,
      read(T0 + 6 * HOUR, T0, T0 + 5.5 * HOUR, [...rowsIn(T0, T0 + 5.5 * HOUR, 10), busy]),
      LIMITS,
    );
    const now = [...rowsIn(T0 + 5 * HOUR, T0 + 11.5 * HOUR, 10, [[T0 + 5 * HOUR + 10 * MIN, 5]]), busy];
    return nextLateTail(before, read(T0 + 12 * HOUR, T0 + 5 * HOUR, T0 + 11.5 * HOUR, now), LIMITS);
  };

  it("grows the tail at exactly 2% (5 late of 250 re-read)", () => {
    const next = withRereadRows(250);
    expect([next.lateRows, next.rereadRows]).toEqual([5, 250]);
    expect(next.tail).toBe(6 * HOUR + 50 * MIN - 30 * MIN - 10 * MIN);
  });

  it("keeps it at one row more re-read (5 of 251)", () => {
    const next = withRereadRows(251);
    expect([next.lateRows, next.rereadRows]).toEqual([5, 251]);
    expect(next.tail).toBe(0);
  });
});

describe("late tail: a retry of the read the state comes from", () => {
  it("learns nothing from rows that arrived since, and keeps the tail it used", () => {
    // The same stretch read again at 7:00: the bucket from 5:20 now holds 8 rows more.
    const retry = nextLateTail(
      first,
      read(
        T0 + 7 * HOUR,
        T0,
        T0 + 5.5 * HOUR,
        rowsIn(T0, T0 + 5.5 * HOUR, 10, [[T0 + 5 * HOUR + 20 * MIN, 8]]),
      ),
      LIMITS,
    );
    expect(retry.lateRows).toBe(0);
    expect(retry.rereadRows).toBe(0);
    expect(retry.tail).toBe(first.tail);
  });
});
