import { LATE_BUCKET_MS, type TailRead } from "../../../../../shared/domain/signins/late-tail";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const T0 = Date.parse("2026-01-15T00:00:00Z");
export const LIMITS = { settleMs: 30 * MIN, maxTailMs: 24 * HOUR };

/** A read made at `readAt`, of [readFrom, readTo], with rows per bucket given as [bucket start, rows]. */
export function read(
  readAt: number,
  readFrom: number,
  readTo: number,
  buckets: [number, number][],
): TailRead {
  return { readAt, readFrom, readTo, buckets: new Map(buckets) };
}

/** `rows` rows in every 10-minute bucket of [from, to), with `extra` rows more in the listed ones. */
export function rowsIn(
  from: number,
  to: number,
  rows: number,
  extra: [number, number][] = [],
): [number, number][] {
  const more = new Map(extra);
  const out: [number, number][] = [];
  for (let b = from; b + LATE_BUCKET_MS <= to; b += LATE_BUCKET_MS) out.push([b, rows + (more.get(b) ?? 0)]);
  return out;
}
