import { ATTEMPT_WINDOW } from "../defaults";
import { isoDurationMs } from "../schedule/iso-duration";

/** Rows are counted per stretch of this length (UTC-aligned) to see which reached the log late. */
export const LATE_BUCKET_MS = 10 * 60_000;

/**
 * Late rows found while the evidence is still small could be chance: the tail grows once at least
 * this many were found...
 */
export const MIN_LATE_ROWS = 5;
/**
 * ...and they are at least this share of the rows re-read. Below it, rows later than the tail can
 * move a failure rate by about this much at most, well inside the health gate's limits; Entra's
 * documented latency (99% within 5 minutes) leaves far fewer rows than that beyond `settle`.
 */
export const MATERIAL_LATE_SHARE = 0.02;

const ATTEMPT_WINDOW_MS = isoDurationMs(ATTEMPT_WINDOW);

/**
 * What the reads of one rollout have learned about rows reaching the log late, stored between
 * reads (collect-sign-ins.ts). A read counts the attempts that began up to
 * `readTo - ATTEMPT_WINDOW - tail`; the later ones stay pending and are read again, with whatever
 * rows arrived meanwhile, by the reads that follow.
 */
export interface LateTailState {
  /** The read this state comes from: the log was read up to `asOf` (ms)... */
  asOf: number;
  /** ...when the clock showed `readAt` (ms)... */
  readAt: number;
  /** ...with this tail (ms): a retry of that read uses it again. */
  tailUsed: number;
  /** The tail the next read uses (ms). */
  tail: number;
  /** Rows found late, and rows re-read, over every read so far. */
  lateRows: number;
  rereadRows: number;
  /** The longest any late row found can have taken to arrive (ms), over every read so far. */
  longestLateMs: number;
  /** Rows per bucket (start in ms → rows) the read saw from `countedFrom` (ms) to `asOf`. */
  countedFrom: number;
  buckets: Record<string, number>;
}

/** One read of the log, as late-row detection sees it. */
export interface TailRead {
  /** When the read was made, and the stretch it read (ms). */
  readAt: number;
  readFrom: number;
  readTo: number;
  /** Rows per bucket start (ms) seen in the read. */
  buckets: ReadonlyMap<number, number>;
}

export interface TailLimits {
  settleMs: number;
  maxTailMs: number;
}

/**
 * The tail a read at `readTo` uses: the one its earlier attempt used if this is a retry of that
 * read (so a retry after a crash decides as the first attempt would have), else what the reads
 * before it learned; none before any read.
 */
export function tailFor(state: LateTailState | undefined, readTo: number): number {
  if (!state) return 0;
  return state.asOf === readTo ? state.tailUsed : state.tail;
}

/**
 * Compares a read with the one before it over the whole buckets both read: a bucket holding more
 * rows now than then received rows that arrived after the earlier read, later than `settle`. Each
 * such row can have taken up to `readAt - bucket start` to arrive, and is taken to have: the
 * docs bound the delay nowhere, so the tail covers the longest delay the evidence allows.
 * Once late rows are many enough and a material share of what was re-read, the tail grows so
 * that an attempt is counted only after rows that late have arrived; it never shrinks (a tenant
 * that delivered rows late once will again), and stops at `maxTailMs`.
 */
export function nextLateTail(
  previous: LateTailState | undefined,
  read: TailRead,
  limits: TailLimits,
): LateTailState {
  const tailUsed = tailFor(previous, read.readTo);
  let lateRows = previous?.lateRows ?? 0;
  let rereadRows = previous?.rereadRows ?? 0;
  let longestLateMs = previous?.longestLateMs ?? 0;
  if (previous && previous.asOf < read.readTo) {
    const from = Math.max(previous.countedFrom, read.readFrom);
    const until = Math.min(previous.asOf, read.readTo);
    for (const [start, now] of read.buckets) {
      if (start < from || start + LATE_BUCKET_MS > until) continue;
      const before = previous.buckets[String(start)] ?? 0;
      rereadRows += now;
      if (now > before) {
        lateRows += now - before;
        longestLateMs = Math.max(longestLateMs, read.readAt - start);
      }
    }
  }
  const material = lateRows >= MIN_LATE_ROWS && lateRows >= MATERIAL_LATE_SHARE * rereadRows;
  const wanted = material ? longestLateMs - limits.settleMs - ATTEMPT_WINDOW_MS : 0;
  const tail = Math.min(limits.maxTailMs, Math.max(previous?.tail ?? 0, tailUsed, wanted));
  // The next read starts where this one's counting stopped, ATTEMPT_WINDOW earlier: keep what it
  // can compare (a bucket more, for one that straddles the edge).
  const keepFrom = read.readTo - Math.max(tail, tailUsed) - 2 * ATTEMPT_WINDOW_MS - LATE_BUCKET_MS;
  const buckets: Record<string, number> = {};
  for (const [start, rows] of read.buckets) if (start >= keepFrom) buckets[String(start)] = rows;
  return {
    asOf: read.readTo,
    readAt: read.readAt,
    tailUsed,
    tail,
    lateRows,
    rereadRows,
    longestLateMs,
    countedFrom: Math.max(read.readFrom, keepFrom),
    buckets,
  };
}

/**
 * Counts rows per LATE_BUCKET_MS stretch of their createdDateTime. Graph writes it in UTC with a
 * `Z` (seven fractional digits): the first 15 characters name the 10-minute stretch, so most rows
 * cost a slice and a map update; any other spelling is parsed.
 */
export function createBucketCounter(): {
  add(createdDateTime: string | null | undefined): void;
  buckets(): Map<number, number>;
} {
  const byPrefix = new Map<string, number>();
  const parsed = new Map<number, number>();
  return {
    add(text) {
      if (!text) return;
      if (text.length >= 17 && text.charCodeAt(10) === 84 /* T */ && text.endsWith("Z")) {
        const prefix = text.slice(0, 15);
        byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + 1);
        return;
      }
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) return;
      const start = ms - (((ms % LATE_BUCKET_MS) + LATE_BUCKET_MS) % LATE_BUCKET_MS);
      parsed.set(start, (parsed.get(start) ?? 0) + 1);
    },
    buckets() {
      const out = new Map(parsed);
      for (const [prefix, rows] of byPrefix) {
        const start = Date.parse(`${prefix}0:00Z`);
        if (Number.isNaN(start)) continue;
        out.set(start, (out.get(start) ?? 0) + rows);
      }
      return out;
    },
  };
}
