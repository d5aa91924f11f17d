import {
  createBucketCounter,
  nextLateTail,
  type LateTailState,
} from "../../../../../shared/domain/signins/late-tail";
import { HOUR, LIMITS, MIN, T0, read, rowsIn } from "./late-tail-fixtures";

// The counter's other spellings are in late-tail.test.ts ("bucket counter").
describe("createBucketCounter (rows per 10 minutes of their createdDateTime)", () => {
  const at = (iso: string) => Date.parse(iso);

  it("leaves out a text in Graph's shape that names no time", () => {
    const counter = createBucketCounter();
    counter.add("2026-13-06T10:05:00.0000000Z");
    counter.add("2026-01-06T10:05:00.0000000Z");
    expect([...counter.buckets()]).toEqual([[at("2026-01-06T10:00:00Z"), 1]]);
  });
});

describe("nextLateTail keeps the buckets the next read can compare", () => {
  it("keeps, from a read with a longer tail than it used, what the longer tail reaches back to", () => {
    const readFrom = T0;
    const readTo = T0 + 6 * HOUR;
    // A retry of the read at readTo: it uses its first attempt's tail (1 h); the next read uses 2 h.
    const previous: LateTailState = {
      asOf: readTo,
      readAt: readTo + 30 * MIN,
      tailUsed: HOUR,
      tail: 2 * HOUR,
      lateRows: 0,
      rereadRows: 0,
      longestLateMs: 0,
      countedFrom: readFrom,
      buckets: {},
    };
    const next = nextLateTail(
      previous,
      read(readTo + 30 * MIN, readFrom, readTo, rowsIn(readFrom, readTo, 1)),
      LIMITS,
    );
    expect(next.tail).toBe(2 * HOUR);
    expect(next.tailUsed).toBe(HOUR);
    // The 2 h tail, the attempt window both sides and a bucket more: from 3 h 30 min on.
    const keepFrom = readTo - 2 * HOUR - 30 * MIN;
    expect(next.countedFrom).toBe(keepFrom);
    const kept = Object.keys(next.buckets).map(Number);
    expect(kept).toEqual(rowsIn(keepFrom, readTo, 1).map(([start]) => start));
  });
});
