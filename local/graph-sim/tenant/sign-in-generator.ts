import type { SignIn } from "@microsoft/microsoft-graph-types";
import { guid, hashString, mix, unit } from "./prng";
import type { ArrivalModel } from "./arrival";
import type { RowRef } from "./sign-in-builder";
import type { SignInQuery } from "./tenant-port";
import type { SimUser, UserDirectory } from "./users";

/**
 * The sign-in log, generated lazily and newest first. Each user has up to `maxRate` sign-in
 * attempts per day, each a pure function of (seed, user, day, n). An attempt has up to two rows
 * (slot 0 at its instant; slot 1, the answer to a prompt, `answerSeconds` later, same correlationId):
 * a day's possible rows are indexed compactly (typed arrays, ~17 bytes each) and sorted once, then
 * turned into SignIn objects only as the caller pulls them; a slot-1 row whose attempt had nothing
 * to answer is skipped. A row is returned only once it has arrived (`arrival`): created, plus a
 * delay. Memory is bounded by one day of one tenant, whatever the range.
 */

export const DAY_MS = 86_400_000;
const TWO_32 = 0x1_0000_0000;
/** Weekend work happens, rarely. */
const WEEKEND_SHARE = 0.1;
const CACHE_DAYS = 3;
const SLOT_BIT = 0x80;

export interface GeneratorDeps {
  readonly seed: number;
  readonly startMs: number;
  readonly workingHoursUtc: { start: number; end: number };
  readonly users: UserDirectory;
  /** Seconds between a prompt row and its answer, inclusive. */
  readonly answerSeconds: { min: number; max: number };
  readonly arrival: ArrivalModel;
  now(): number;
  /** Sign-ins per user per day in force at an instant (a knob with history). */
  rateAt(at: number): number;
  maxRate(): number;
  /** Instant from which an attempt may have a second row (the first enforced policy), else Infinity. */
  secondRowsFrom(): number;
  /** Turns a row of an attempt into a SignIn, or undefined when the attempt has no such row. */
  build(row: RowRef): SignIn | undefined;
}

interface DayIndex {
  readonly users: readonly SimUser[];
  readonly keys: Float64Array;
  readonly userIdx: Uint32Array;
  /** n, with SLOT_BIT set for slot 1. */
  readonly ns: Uint8Array;
  readonly order: Uint32Array;
}

/** Id of row `slot` of attempt n (slot 0 keeps the id sign-ins had before attempts had two rows). */
export function rowId(seed: number, user: SimUser, day: number, n: number, slot: 0 | 1): string {
  return guid(seed, user.hash, day, n, slot === 0 ? 0x51 : 0x53);
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

let lastDay = { start: NaN, prefix: "" };

/**
 * Graph's createdDateTime, with 7 fractional digits as in the Graph list example
 * (`2020-03-13T19:15:41.6195833Z`); `fraction` in 100 ns units (hot: once per sign-in).
 */
export function formatInstant(at: number, fraction = 0): string {
  const dayStart = Math.floor(at / DAY_MS) * DAY_MS;
  if (dayStart !== lastDay.start)
    lastDay = { start: dayStart, prefix: new Date(dayStart).toISOString().slice(0, 11) };
  const second = Math.floor((at - dayStart) / 1000);
  return `${lastDay.prefix}${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}.${String(fraction).padStart(7, "0")}Z`;
}

/**
 * The fraction of a second of a row, from the low 32 bits of its key (its id's first 8 hex digits):
 * monotonic in them, so ordering by (second, id) is ordering by (createdDateTime, id).
 */
function fractionOf(prefix: number): number {
  return Math.floor((prefix / TWO_32) * 1e7);
}

export class SignInGenerator {
  private readonly cache = new Map<string, DayIndex>();

  constructor(private readonly deps: GeneratorDeps) {}

  dayOf(at: number): number {
    return Math.floor((at - this.deps.startMs) / DAY_MS);
  }

  /** Second of the day of candidate n, or -1 when this candidate never signs in. */
  candidateSecond(user: SimUser, day: number, n: number, weekend: boolean): number {
    const second = this.rawSecond(user, day, n, weekend);
    // Room for the answer row inside the same day (one day's index holds both rows of an attempt).
    return Math.min(second, 86_399 - this.deps.answerSeconds.max);
  }

  private rawSecond(user: SimUser, day: number, n: number, weekend: boolean): number {
    const { seed, workingHoursUtc } = this.deps;
    const h = mix(seed, user.hash, day, n);
    if (user.kind === "breakGlass") {
      // Emergency accounts are tested weekly, not used.
      return n === 0 && ((day % 7) + 7) % 7 === 3 ? 10 * 3600 + Math.floor(unit(h, 1) * 3600) : -1;
    }
    if (user.kind === "service") return Math.floor(unit(h, 1) * 86_400);
    if (weekend && unit(h, 2) >= WEEKEND_SHARE) return -1;
    const start = workingHoursUtc.start * 3600;
    return start + Math.floor(unit(h, 1) * (workingHoursUtc.end * 3600 - start));
  }

  /** Seconds from attempt n's first row to the row answering its prompt. */
  answerDelaySeconds(user: SimUser, day: number, n: number): number {
    const { min, max } = this.deps.answerSeconds;
    return Math.round(min + unit(this.deps.seed, user.hash, day, n, 0xa5) * (max - min));
  }

  /** Whether a candidate exists given the tenant's history at its instant. */
  exists(user: SimUser, n: number, at: number): boolean {
    return (
      user.accountEnabled &&
      at > user.createdAt &&
      (user.deletedAt === undefined || at <= user.deletedAt) &&
      n < this.deps.rateAt(at)
    );
  }

  private isWeekend(day: number): boolean {
    const dow = new Date(this.deps.startMs + day * DAY_MS).getUTCDay();
    return dow === 0 || dow === 6;
  }

  *signIns(query: SignInQuery): Generator<SignIn> {
    const now = this.deps.now();
    const fromMs = query.from.getTime();
    const toMs = Math.min(query.to.getTime(), now);
    let scanTo = toMs;
    let after: { day: number; key: number; id: string } | undefined;
    if (query.after) {
      const afterMs = Date.parse(query.after.createdDateTime);
      if (Number.isNaN(afterMs)) return;
      scanTo = Math.min(scanTo, afterMs);
      const id = query.after.id.toLowerCase();
      after = { day: this.dayOf(afterMs), key: this.keyOf(afterMs, id), id };
    }
    if (scanTo < fromMs) return;
    const { seed, arrival } = this.deps;
    /** Rows created before this have all arrived. */
    const settled = now - arrival.maxDelayMs;
    const users = this.usersFor(query.userIds);
    for (let day = this.dayOf(scanTo); day >= this.dayOf(fromMs); day--) {
      const dayStart = this.deps.startMs + day * DAY_MS;
      const index = this.index(day, users);
      const lastSecond = Math.floor((scanTo - dayStart) / 1000);
      const firstSecond = Math.floor((fromMs - dayStart) / 1000);
      const cursor = after?.day === day ? after : undefined;
      let pos = this.firstPosition(index, (lastSecond + 1) * TWO_32, false);
      if (cursor) pos = Math.max(pos, this.firstPosition(index, cursor.key, true));
      for (; pos < index.order.length; pos++) {
        const c = index.order[pos]!;
        const key = index.keys[c]!;
        const second = Math.floor(key / TWO_32);
        if (second > lastSecond) continue;
        if (second < firstSecond) break;
        const prefix = key - second * TWO_32;
        const fraction = fractionOf(prefix);
        const rowAt = dayStart + second * 1000;
        // Bounds arrive as JavaScript instants: compare at their millisecond precision (so that
        // `createdDateTime eq` a 7-digit value still finds its row).
        const rowMs = rowAt + Math.floor(fraction / 1e4);
        if (rowMs > toMs || rowMs < fromMs) continue;
        const user = index.users[index.userIdx[c]!]!;
        const packed = index.ns[c]!;
        const n = packed & ~SLOT_BIT;
        const slot = packed & SLOT_BIT ? 1 : 0;
        if (cursor && key === cursor.key && rowId(seed, user, day, n, slot) >= cursor.id) continue;
        if (rowMs > settled) {
          const h = mix(prefix, 0xa7);
          if (rowMs + arrival.delayMs(unit(h, 1), unit(h, 2)) > now) continue;
        }
        const attemptAt = slot ? rowAt - this.answerDelaySeconds(user, day, n) * 1000 : rowAt;
        if (!this.exists(user, n, attemptAt)) continue;
        const row = this.deps.build({ user, day, n, attemptAt, slot, rowAt, fraction });
        if (row) yield row;
      }
    }
  }

  /** One user's sign-in instants in (fromMs, toMs], oldest first (for the registration scan). */
  *userCandidates(
    user: SimUser,
    fromMs: number,
    toMs: number,
  ): Generator<{ day: number; n: number; at: number }> {
    const maxRate = this.deps.maxRate();
    for (let day = this.dayOf(fromMs); day <= this.dayOf(toMs); day++) {
      const dayStart = this.deps.startMs + day * DAY_MS;
      const weekend = this.isWeekend(day);
      const found: { day: number; n: number; at: number }[] = [];
      for (let n = 0; n < maxRate; n++) {
        const second = this.candidateSecond(user, day, n, weekend);
        const at = dayStart + second * 1000;
        if (second >= 0 && at > fromMs && at <= toMs && this.exists(user, n, at)) found.push({ day, n, at });
      }
      found.sort((a, b) => a.at - b.at);
      yield* found;
    }
  }

  private keyOf(at: number, id: string): number {
    const dayStart = this.deps.startMs + this.dayOf(at) * DAY_MS;
    return Math.floor((at - dayStart) / 1000) * TWO_32 + parseInt(id.slice(0, 8), 16);
  }

  /** First position whose key is <= bound (or < bound when `inclusiveTies` is false). */
  private firstPosition(index: DayIndex, bound: number, inclusiveTies: boolean): number {
    let lo = 0;
    let hi = index.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const key = index.keys[index.order[mid]!]!;
      if (key > bound || (!inclusiveTies && key === bound)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private usersFor(userIds: ReadonlySet<string> | undefined): readonly SimUser[] {
    if (!userIds) return this.deps.users.all;
    const out: SimUser[] = [];
    for (const id of userIds) {
      const user = this.deps.users.anyById(id);
      if (user) out.push(user);
    }
    return out;
  }

  private index(day: number, users: readonly SimUser[]): DayIndex {
    const maxRate = this.deps.maxRate();
    const usersKey =
      users === this.deps.users.all
        ? "all"
        : `${users.length}:${hashString(
            users
              .map((u) => u.id)
              .sort()
              .join(","),
          )}`;
    // Before the first enforced policy no attempt has an answer row: the index leaves those slots out.
    const answers = this.deps.secondRowsFrom() < this.deps.startMs + (day + 1) * DAY_MS;
    const cacheKey = `${day}|${maxRate}|${usersKey}|${answers}`;
    const cached = this.cache.get(cacheKey);
    if (cached) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return cached;
    }
    const index = this.buildIndex(day, users, maxRate, answers);
    this.cache.set(cacheKey, index);
    if (this.cache.size > CACHE_DAYS) this.cache.delete(this.cache.keys().next().value!);
    return index;
  }

  private buildIndex(day: number, users: readonly SimUser[], maxRate: number, answers: boolean): DayIndex {
    const capacity = users.length * maxRate * (answers ? 2 : 1);
    const keys = new Float64Array(capacity);
    const userIdx = new Uint32Array(capacity);
    const ns = new Uint8Array(capacity);
    const weekend = this.isWeekend(day);
    const seed = this.deps.seed;
    let count = 0;
    users.forEach((user, i) => {
      for (let n = 0; n < maxRate; n++) {
        const second = this.candidateSecond(user, day, n, weekend);
        if (second < 0) continue;
        keys[count] = second * TWO_32 + mix(seed, user.hash, day, n, 0x51);
        userIdx[count] = i;
        ns[count] = n;
        count++;
        // A service credential (ROPC) cannot answer a prompt: its attempts never have a second row.
        if (!answers || user.kind === "service") continue;
        const answer = second + this.answerDelaySeconds(user, day, n);
        keys[count] = answer * TWO_32 + mix(seed, user.hash, day, n, 0x53);
        userIdx[count] = i;
        ns[count] = n | SLOT_BIT;
        count++;
      }
    });
    const idOf = (c: number) => {
      const packed = ns[c]!;
      return rowId(seed, users[userIdx[c]!]!, day, packed & ~SLOT_BIT, packed & SLOT_BIT ? 1 : 0);
    };
    const order = sortNewestFirst(keys, count, (a, b) => {
      // Same second and same first 8 hex digits: order by the whole id, as Graph's tie-break would.
      const idA = idOf(a);
      const idB = idOf(b);
      return idA < idB ? 1 : idA > idB ? -1 : 0;
    });
    return {
      users,
      keys: keys.subarray(0, count),
      userIdx: userIdx.subarray(0, count),
      ns: ns.subarray(0, count),
      order,
    };
  }
}

/** Below this many candidates a comparator sort beats the counting sort's fixed 86,400 buckets. */
const COUNTING_SORT_FROM = 20_000;

/**
 * Candidate positions ordered by key, descending. Large days (a 100,000-user tenant) use a
 * counting sort on the second of the day, then an insertion sort inside each second (a handful of
 * entries): linear, unlike a comparator sort over hundreds of thousands of entries.
 */
function sortNewestFirst(
  keys: Float64Array,
  count: number,
  tie: (a: number, b: number) => number,
): Uint32Array {
  const before = (x: number, y: number) => keys[x]! > keys[y]! || (keys[x] === keys[y] && tie(x, y) < 0);
  if (count < COUNTING_SORT_FROM) {
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    return order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  const bucketOf = (i: number) => 86_399 - Math.floor(keys[i]! / TWO_32);
  const starts = new Uint32Array(86_401);
  for (let i = 0; i < count; i++) starts[bucketOf(i) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const next = starts.slice();
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[next[bucketOf(i)]!++] = i;
  for (let b = 0; b < 86_400; b++) {
    for (let i = starts[b]! + 1; i < starts[b + 1]!; i++) {
      const item = order[i]!;
      let j = i - 1;
      while (j >= starts[b]! && before(item, order[j]!)) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = item;
    }
  }
  return order;
}
