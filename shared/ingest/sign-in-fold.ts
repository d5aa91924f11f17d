import type { SignIn } from "@microsoft/microsoft-graph-types";
import { GuidTable, NOT_A_GUID, NOT_FOUND } from "./guid-table";
import { lowerCaseId, type SignInCounters } from "../domain/signins/sign-in-counters";
import { borrowInts, returnInts } from "./spare-ints";
import { ATTEMPT_WINDOW } from "../domain/defaults";
import { isoDurationMs } from "../domain/schedule/iso-duration";
import {
  clusterOfSignIn,
  reportOnlySlot,
  rowKind,
  RowKind,
  type ClusterRef,
} from "../domain/signins/sign-in-facts";
import { createdTimeTest } from "../domain/signins/sign-in-time";
import { signInTimeMs } from "./sign-in-time-ms";
import { emptyTally, type UserTally } from "../domain/signins/user-tally";

/** A stretch of the sign-in log: createdDateTime from `from` to `until` (ms), both inclusive. */
export interface TimeStretch {
  from: number;
  until: number;
}

/** One set of counters a read of the log adds to. */
export interface FoldWindow<M> {
  counters: SignInCounters;
  /** Whom the window counts; asked once per population member when the fold is built. */
  cohort: (member: M) => boolean;
  /** The window takes the attempts that begin in this stretch... */
  stretch: TimeStretch;
  /** ...except those beginning in the stretch it already holds (counted by an earlier read), if any. */
  holds?: TimeStretch | undefined;
}

export interface SignInFoldOptions {
  /**
   * The rows come as one read of Graph's sign-in list, which returns "the most recent sign-ins
   * first" (learn.microsoft.com/graph/api/signin-list): the fold then counts each attempt and
   * forgets it as soon as the read is more than ATTEMPT_WINDOW below its latest row, so it holds
   * the attempts of one ATTEMPT_WINDOW of the log, not of the whole read. A row of one
   * correlation more than ATTEMPT_WINDOW below that attempt's latest row begins an attempt of its
   * own (a prompt with nothing after it for that long was abandoned). Not for reads made of
   * several queries (a small user set, filtered server-side in chunks): each is newest first,
   * their sequence is not. Should the rows not come newest first, the fold holds every attempt
   * from the first row out of order on, and throws if that row may belong to an attempt it
   * already counted.
   */
  newestFirst?: boolean;
}

export interface SignInFold {
  /** Adds a sign-in row to its attempt. */
  add(signIn: SignIn): void;
  addPage(signIns: readonly SignIn[]): void;
  /**
   * Counts every attempt into the windows whose cohort holds its user and whose stretch (less
   * what the window holds) holds the attempt's first row, adding to tallies already there. Once:
   * the fold takes no sign-ins after.
   */
  finish(): void;
  /** Rows taken into attempts so far (rows of users outside every window are passed over). */
  readonly counted: number;
}

/**
 * Per member and window counted in, one record of REC integers (64 bytes, a cache line): the
 * UserTally numbers, the member, and its first two clusters (id, attempts, failed attempts);
 * further clusters and error codes (failures only) are kept aside.
 */
const REC = 16;
const N = 0;
const F = 1;
const E = 2;
const L = 3;
const RO = 4;
const MEMBER = 8;
const CLUSTERS = 9;
const INLINE_CLUSTERS = 2;

/** Fields of a member's GuidTable slot. */
const SLOT_MEMBER = 4; // member index + 1
const SLOT_COMBO = 5; // index into the cohort combinations
const SLOT_RECORDS = 6; // first record + 1, 0 until the member's first counted attempt

/** What locate() answers for a user the fold does not count; ODD - n points into the odd members' fields. */
const MISSING = -3;
const ODD = -4;

/** Attempt flags beyond the RowKind bits: a row came from a client that cannot answer a prompt. */
const NO_PROMPT = 16;

const ATTEMPT_WINDOW_MS = isoDurationMs(ATTEMPT_WINDOW);

interface WindowState {
  index: number;
  counters: SignInCounters;
  time: number;
  policy: number;
}

/**
 * Folds sign-in rows into per-user counters of several windows at once (a wave's and its control
 * cohort's, say) for a fixed population, counting sign-in ATTEMPTS, not rows: Entra logs one MFA
 * sign-in as an interrupt row (50074, 50076, ...) and, seconds later, a row with errorCode 0 in
 * the same correlation (docs/SIGN-IN-EVIDENCE.md). Rows are grouped by `correlationId` (without a
 * usable one: the same user, app and client within ATTEMPT_WINDOW). An attempt
 * - succeeded when any of its rows has errorCode 0;
 * - failed when it ended on a terminal MFA or Conditional Access code, or on a prompt nothing
 *   completed (within the rows read, which the caller reads to ATTEMPT_WINDOW past its stretch),
 *   or on a prompt to a client that cannot answer one (legacy authentication, non-interactive);
 * - failed for the service when it ended on a service error only;
 * - is not counted at all when its rows carry no MFA code and no success (a wrong password).
 * An attempt belongs to the windows whose stretch holds its FIRST row: a read that looks back
 * ATTEMPT_WINDOW before its stretch sees the earlier rows of an attempt the previous read counted
 * and leaves it alone, so reads that tile the log count each attempt once.
 *
 * Per row: one lookup of its user id and one of its correlation id in GuidTables, its time, its
 * report-only result; attempts are counted into the members' compact records when forgotten or at
 * finish() (bench/gate-throughput.ts holds the read to 0.8× JSON.parse). Memory grows with the
 * attempts held: those of one ATTEMPT_WINDOW of the log when read newest first (see
 * SignInFoldOptions), else those of the whole read.
 *
 * Rows without a user id, or of users outside the population, are ignored (not counted as
 * `skipped`): the population decides whom a read counts. Ids are compared without case.
 */
export function createSignInFold<M>(
  population: ReadonlyMap<string, M>,
  windows: readonly FoldWindow<M>[],
  options: SignInFoldOptions = {},
): SignInFold {
  if (new Set(windows.map((w) => w.counters)).size !== windows.length) {
    throw new Error("createSignInFold: each window needs counters of its own");
  }
  if (windows.length > 30)
    throw new RangeError("createSignInFold: at most 30 windows (cohorts are bit masks)");
  const times: ((text: string | null | undefined) => boolean)[] = [];
  const timeKeys: string[] = [];
  const policies: (string | null)[] = [];
  const states = windows.map((window, index): WindowState => {
    const { stretch, holds } = window;
    const timeKey = [stretch.from, stretch.until, holds?.from, holds?.until].join();
    let time = timeKeys.indexOf(timeKey);
    if (time < 0) {
      time = times.push(stretchTest(stretch, holds)) - 1;
      timeKeys.push(timeKey);
    }
    let policy = policies.indexOf(window.counters.policyId);
    if (policy < 0) policy = policies.push(window.counters.policyId) - 1;
    return { index, counters: window.counters, time, policy };
  });
  const policyCount = policies.length;

  // Members in the same windows share one list of them (a combination, by bit mask).
  const combos: WindowState[][] = [];
  const comboOfMask = new Map<number, number>();
  const memberIds: string[] = [];
  const table = new GuidTable(population.size);
  // Members whose ids are no GUIDs (none from Entra): the rare path, a Map to their fields.
  const odd = new Map<string, number>();
  const oddSlots: number[] = [];
  population.forEach((member, memberId) => {
    let mask = 0;
    for (let i = 0; i < windows.length; i++) if ((windows[i] as FoldWindow<M>).cohort(member)) mask |= 1 << i;
    // A member no window counts needs no slot: their rows are passed over like a stranger's.
    if (mask === 0) return;
    let combo = comboOfMask.get(mask);
    if (combo === undefined) {
      combo = combos.push(states.filter((_, i) => mask & (1 << i))) - 1;
      comboOfMask.set(mask, combo);
    }
    const index = memberIds.push(memberId) - 1;
    const at = table.insert(memberId, index + 1);
    // An id listed twice (in two spellings) keeps its first slot.
    if (at >= 0 && table.data[at + SLOT_MEMBER] === index + 1) table.data[at + SLOT_COMBO] = combo;
    if (at === NOT_A_GUID && !odd.has(lowerCaseId(memberId))) {
      odd.set(lowerCaseId(memberId), oddSlots.length);
      oddSlots.push(0, 0, 0, 0, index + 1, combo, 0, 0);
    }
  });
  // Laid out as GuidTable slots are, so counting reads either the same way.
  const oddFields = Int32Array.from(oddSlots);

  // The attempts held, by correlation id. Attempts are numbered in the order of their first row
  // read; those from `oldest` to `attempts` are held, in ring buffers of `capacity` (a power of
  // two, doubled when full) at their number masked.
  const correlations = new GuidTable(1024);
  /** Attempts whose rows carry no usable correlation id: user, app and client → attempt. */
  const uncorrelated = new Map<string, number>();
  let attempts = 0;
  let oldest = 0;
  let capacity = 1024;
  /** Per attempt, its member's cohort combination and first record (see newAttempt). */
  let attemptCombo: Int32Array = new Int32Array(capacity);
  let attemptRecord: Int32Array = new Int32Array(capacity);
  let attemptFlags = new Uint8Array(capacity);
  let attemptCode: Int32Array = new Int32Array(capacity);
  let attemptSlots = new Int8Array(capacity * policyCount);
  let attemptLatest = new Float64Array(capacity);
  let attemptFirst: string[] = new Array<string>(capacity);
  let attemptCluster: ClusterRef[] = new Array<ClusterRef>(capacity);
  /** Fallback attempts only: the key they are held under (user, app, client). */
  let attemptKey: (string | undefined)[] = new Array<string | undefined>(capacity);
  /** Correlated attempts: their correlation id's four words, as its GuidTable slot holds them. */
  let attemptWords = new Int32Array(capacity * 4);
  /** Fallback attempts only: the last row's time (ms), to tell a new attempt by the gap. */
  const uncorrelatedLast = new Map<number, number>();

  /** Whether attempts are forgotten as the read goes (see SignInFoldOptions): every row so far came newest first. */
  let newestFirst = options.newestFirst === true;
  /** The earliest row time read (ms), and the latest row time of the last attempt forgotten. */
  let low = Number.POSITIVE_INFINITY;
  let forgottenLatest = Number.POSITIVE_INFINITY;
  const counter = createAttemptCounter(windows.length);
  const inTime = new Int8Array(times.length);

  let counted = 0;
  let finished = false;
  /** Per row of the page being added, where its user's fields are (see locate). */
  let located = new Int32Array(1024);
  /** Per row of the page being added and policy, its report-only slot (-1: none), and per row its cluster (see readRow). */
  let rowSlots = new Int8Array(1024 * policyCount);
  let rowClusters: ClusterRef[] = new Array<ClusterRef>(1024);
  /** The row of the page that add() is adding. */
  let rowAt = 0;

  /** Where a user's fields are: a GuidTable offset, ODD - offset in the odd members' fields, or MISSING. */
  const locate = (userId: string | null | undefined): number => {
    if (!userId) return MISSING;
    const at = table.find(userId);
    if (at !== NOT_A_GUID) return at;
    const oddAt = odd.get(lowerCaseId(userId));
    return oddAt === undefined ? MISSING : ODD - oddAt;
  };

  /** Doubles the ring buffers, each held attempt keeping its number. */
  const growAttempts = (): void => {
    const mask = capacity - 1;
    capacity *= 2;
    const combo = new Int32Array(capacity);
    const record = new Int32Array(capacity);
    const flags = new Uint8Array(capacity);
    const code = new Int32Array(capacity);
    const slots = new Int8Array(capacity * policyCount);
    const latest = new Float64Array(capacity);
    const first = new Array<string>(capacity);
    const cluster = new Array<ClusterRef>(capacity);
    const key = new Array<string | undefined>(capacity);
    const keyWords = new Int32Array(capacity * 4);
    for (let a = oldest; a < attempts; a++) {
      const from = a & mask;
      const to = a & (capacity - 1);
      combo[to] = attemptCombo[from] as number;
      record[to] = attemptRecord[from] as number;
      flags[to] = attemptFlags[from] as number;
      code[to] = attemptCode[from] as number;
      slots.set(
        attemptSlots.subarray(from * policyCount, from * policyCount + policyCount),
        to * policyCount,
      );
      latest[to] = attemptLatest[from] as number;
      first[to] = attemptFirst[from] as string;
      cluster[to] = attemptCluster[from] as ClusterRef;
      key[to] = attemptKey[from];
      keyWords.set(attemptWords.subarray(from * 4, from * 4 + 4), to * 4);
    }
    attemptCombo = combo;
    attemptRecord = record;
    attemptFlags = flags;
    attemptCode = code;
    attemptSlots = slots;
    attemptLatest = latest;
    attemptFirst = first;
    attemptCluster = cluster;
    attemptKey = key;
    attemptWords = keyWords;
  };

  /**
   * A new attempt for a row read at `time` (ms), held under a fallback `key` or, without one,
   * under the correlation id in the slot at `slot` of the correlations; its ring position.
   */
  const newAttempt = (
    located: number,
    signIn: SignIn,
    time: number,
    key: string | undefined,
    slot: number,
  ): number => {
    if (attempts - oldest === capacity) growAttempts();
    const a = attempts++ & (capacity - 1);
    // The member's combination and records now, while the first pass has its slot in the cache:
    // counting the attempt, minutes of log later, would wait for it again.
    const data = located >= 0 ? table.data : oddFields;
    const at = located >= 0 ? located : ODD - located;
    const combo = data[at + SLOT_COMBO] as number;
    let firstRecord = (data[at + SLOT_RECORDS] as number) - 1;
    if (firstRecord < 0) {
      firstRecord = counter.allocate(
        (combos[combo] as WindowState[]).length,
        (data[at + SLOT_MEMBER] as number) - 1,
      );
      data[at + SLOT_RECORDS] = firstRecord + 1;
    }
    attemptCombo[a] = combo;
    attemptRecord[a] = firstRecord;
    attemptFlags[a] = 0;
    attemptCode[a] = 0;
    attemptFirst[a] = signIn.createdDateTime ?? "";
    // A row without a readable time stands where it was read, so the held attempts stay in order.
    attemptLatest[a] = Number.isNaN(time) ? low : time;
    attemptKey[a] = key;
    if (key === undefined) {
      // Four stores, not a subarray view per attempt (an allocation for almost every row).
      const data = correlations.data;
      const w = a * 4;
      attemptWords[w] = data[slot] as number;
      attemptWords[w + 1] = data[slot + 1] as number;
      attemptWords[w + 2] = data[slot + 2] as number;
      attemptWords[w + 3] = data[slot + 3] as number;
    }
    const cluster = rowClusters[rowAt] as ClusterRef;
    attemptCluster[a] = cluster;
    if (cluster.legacy) attemptFlags[a] = NO_PROMPT;
    for (let p = a * policyCount; p < a * policyCount + policyCount; p++) attemptSlots[p] = -1;
    return a;
  };

  /**
   * Whether a row read at `time` is too early for the attempt at ring position `a`: in a read
   * newest first, an attempt's rows lie within ATTEMPT_WINDOW of its latest one (a prompt with
   * nothing after it for that long was abandoned, defaults.ts), and an earlier row of the same
   * correlation begins an attempt of its own. The same rule whenever the attempt is forgotten,
   * so what is counted does not depend on where pages end.
   */
  const tooEarly = (a: number, time: number): boolean =>
    newestFirst && time < (attemptLatest[a] as number) - ATTEMPT_WINDOW_MS;

  /** The ring position of the attempt a row belongs to, created for its first row. */
  const attemptOf = (signIn: SignIn, located: number, time: number): number => {
    const correlationId = signIn.correlationId;
    if (correlationId) {
      if (!correlations.hasRoom) {
        forget();
        if (!correlations.hasRoom) correlations.grow();
      }
      const at = correlations.slotOf(correlationId);
      if (at >= 0) {
        const data = correlations.data;
        if (data[at + 4] === 0) {
          correlations.claim(at, attempts + 1);
          return newAttempt(located, signIn, time, undefined, at);
        }
        const held = ((data[at + 4] as number) - 1) & (capacity - 1);
        if (!tooEarly(held, time)) return held;
        // The earlier attempt keeps its number and is counted when forgotten; the id now names this one.
        data[at + 4] = attempts + 1;
        return newAttempt(located, signIn, time, undefined, at);
      }
    }
    return uncorrelatedAttempt(signIn, located, time);
  };

  /**
   * The documented fallback when a row has no correlation id (Entra does not guarantee one): the
   * same user, app and client, rows no more than ATTEMPT_WINDOW apart.
   */
  const uncorrelatedAttempt = (signIn: SignIn, located: number, time: number): number => {
    const cluster = rowClusters[rowAt] as ClusterRef;
    const key = `${located}\u0000${cluster.id}`;
    const at = Date.parse(signIn.createdDateTime ?? "");
    const known = uncorrelated.get(key);
    if (known !== undefined) {
      const last = uncorrelatedLast.get(known) ?? Number.NaN;
      if (Math.abs(at - last) <= ATTEMPT_WINDOW_MS) {
        if (at > last) uncorrelatedLast.set(known, at);
        return known & (capacity - 1);
      }
    }
    newAttempt(located, signIn, time, key, -1);
    const a = attempts - 1;
    uncorrelated.set(key, a);
    uncorrelatedLast.set(a, at);
    return a & (capacity - 1);
  };

  /** Counts the attempt numbered `n` into the windows whose stretch holds its first row. */
  const countAttempt = (n: number): void => {
    const a = n & (capacity - 1);
    const mine = combos[attemptCombo[a] as number] as WindowState[];
    const firstRecord = attemptRecord[a] as number;
    const firstRow = attemptFirst[a] as string;
    for (let t = 0; t < inTime.length; t++) inTime[t] = -1;
    for (let i = 0; i < mine.length; i++) {
      const window = mine[i] as WindowState;
      const t = window.time;
      if (inTime[t] === -1) inTime[t] = (times[t] as (text: string) => boolean)(firstRow) ? 1 : 0;
      if (inTime[t] === 0) continue;
      counter.count(
        firstRecord + i * REC,
        window.index,
        attemptFlags[a] as number,
        attemptCode[a] as number,
        attemptCluster[a] as ClusterRef,
        attemptSlots[a * policyCount + window.policy] as number,
      );
    }
  };

  /** Counts and lets go of the oldest attempts, while no row still to come can belong to them. */
  const forget = (): void => {
    if (!newestFirst) return;
    while (oldest < attempts) {
      const a = oldest & (capacity - 1);
      const latest = attemptLatest[a] as number;
      if (!(latest - ATTEMPT_WINDOW_MS > low)) break;
      countAttempt(oldest);
      const key = attemptKey[a];
      if (key === undefined) correlations.remove(attemptWords, a * 4, oldest + 1);
      else {
        if (uncorrelated.get(key) === oldest) uncorrelated.delete(key);
        uncorrelatedLast.delete(oldest);
        attemptKey[a] = undefined;
      }
      attemptFirst[a] = "";
      forgottenLatest = latest;
      oldest++;
    }
  };

  /** Keeps track of the order rows come in (see newestFirst); `time` in ms, NaN if unreadable. */
  const noteTime = (time: number, text: string | null | undefined): void => {
    if (Number.isNaN(time)) return;
    if (time <= low) {
      low = time;
      return;
    }
    if (time >= forgottenLatest - ATTEMPT_WINDOW_MS) {
      throw new Error(
        `sign-in rows must come newest first, as Graph lists them: a row at ${text} came after ` +
          `attempts up to ${new Date(forgottenLatest).toISOString()} were counted`,
      );
    }
    // Out of order before anything was forgotten: every attempt is held until finish().
    newestFirst = false;
  };

  /** What row `i` of the page says on its own: its report-only slot per policy (-1 for none) and its cluster. */
  const readRow = (signIn: SignIn, i: number): void => {
    const applied = signIn.appliedConditionalAccessPolicies;
    const at = i * policyCount;
    for (let p = 0; p < policyCount; p++) {
      const slot =
        applied && applied.length > 0 ? reportOnlySlot(policies[p] as string | null, applied) : undefined;
      rowSlots[at + p] = slot === undefined ? -1 : slot;
    }
    rowClusters[i] = clusterOfSignIn(signIn);
  };

  /** Adds row `i` of the page (read by readRow), whose user is at `located`. */
  const add = (signIn: SignIn, located: number, i: number): void => {
    if (located === MISSING || located === NOT_FOUND) return;
    const code = signIn.status?.errorCode ?? 0;
    const kind = code === 0 ? RowKind.Success : rowKind(code);
    if (kind === RowKind.Other) return;
    counted++;
    rowAt = i;
    const slotsAt = i * policyCount;
    const created = signIn.createdDateTime;
    const time = signInTimeMs(created);
    noteTime(time, created);
    const a = attemptOf(signIn, located, time);
    const first = attemptFirst[a] as string;
    if (typeof created === "string" && created !== first && isEarlier(created, first))
      attemptFirst[a] = created;
    let flags = (attemptFlags[a] as number) | kind;
    if (signIn.isInteractive === false) flags |= NO_PROMPT;
    attemptFlags[a] = flags;
    if (kind !== RowKind.Success && codeRank(kind) > codeRank(kindOf(attemptCode[a] as number)))
      attemptCode[a] = code;
    for (let p = 0; p < policyCount; p++) {
      const slot = rowSlots[slotsAt + p] as number;
      if (slot < 0) continue;
      const held = attemptSlots[a * policyCount + p] as number;
      if (held < 0 || SLOT_RANK[slot as 0 | 1 | 2 | 3] < SLOT_RANK[held as 0 | 1 | 2 | 3])
        attemptSlots[a * policyCount + p] = slot;
    }
  };

  const finish = (): void => {
    if (finished) throw new Error("this sign-in fold is finished");
    finished = true;
    for (; oldest < attempts; oldest++) countAttempt(oldest);
    counter.write(states, memberIds);
    table.release();
    correlations.release();
  };

  return {
    add: (signIn) => {
      if (finished) throw new Error("this sign-in fold is finished");
      const at = locate(signIn.userId);
      if (at !== MISSING && at !== NOT_FOUND) readRow(signIn, 0);
      add(signIn, at, 0);
      if ((counted & 255) === 0) forget();
    },
    addPage: (signIns) => {
      if (finished) throw new Error("this sign-in fold is finished");
      if (located.length < signIns.length) {
        located = new Int32Array(signIns.length);
        rowSlots = new Int8Array(signIns.length * policyCount);
        rowClusters = new Array<ClusterRef>(signIns.length);
      }
      // What each row says on its own first (its user, its report-only results, its cluster), then the
      // attempts: these reads do not depend on each other, so their cache misses overlap (a parsed
      // page is megabytes of objects), where between two rows' attempt work they would not.
      table.findMany(signIns.length, (i) => (signIns[i] as SignIn).userId, located);
      for (let i = 0; i < signIns.length; i++) {
        const signIn = signIns[i] as SignIn;
        let at = located[i] as number;
        if (at === NOT_A_GUID) located[i] = at = locate(signIn.userId);
        if (at !== MISSING && at !== NOT_FOUND) readRow(signIn, i);
      }
      for (let i = 0; i < signIns.length; i++) add(signIns[i] as SignIn, located[i] as number, i);
      forget();
    },
    finish,
    get counted() {
      return counted;
    },
  };
}

/** Rank of report-only results: with several, the most alarming wins (failure, interrupted, success, not applied). */
const SLOT_RANK = [2, 0, 1, 3] as const;

/** Which code an attempt that failed is named by: a terminal code over a service error over a prompt. */
function codeRank(kind: RowKind): number {
  return kind === RowKind.Terminal ? 3 : kind === RowKind.Service ? 2 : kind === RowKind.Interrupt ? 1 : 0;
}

function kindOf(code: number): RowKind {
  return code === 0 ? RowKind.Other : rowKind(code);
}

/**
 * Whether createdDateTime `a` is before `b` (an unreadable `b` is later than any time). Graph writes
 * one spelling (UTC, seven fractional digits): texts of equal length compare as their times do.
 */
function isEarlier(a: string, b: string): boolean {
  const n = a.length;
  if (n === b.length && n > 20 && a.charCodeAt(n - 1) === 90 && b.charCodeAt(n - 1) === 90) return a < b;
  const at = Date.parse(a);
  if (Number.isNaN(at)) return false;
  const bt = Date.parse(b);
  return Number.isNaN(bt) || at < bt;
}

/**
 * The members' records the attempts are counted into, and the tallies they become: counting an
 * attempt touches one record instead of a tally object, its arrays and its cluster dictionary.
 */
function createAttemptCounter(windows: number) {
  let records = borrowInts(REC * 1024);
  let usedRecords = 0;
  /** Per window, its records in the order of their first counted attempt. */
  const order: number[][] = Array.from({ length: windows }, () => []);
  const moreClusters = new Map<number, Map<number, [number, number]>>();
  const codes = new Map<number, Map<number, number>>();
  const clusterKeys = new Map<number, string>();

  const allocate = (count: number, member: number): number => {
    const first = usedRecords * REC;
    usedRecords += count;
    if (usedRecords * REC > records.length) {
      const grown = borrowInts(Math.max(records.length * 2, usedRecords * REC));
      grown.set(records);
      returnInts(records);
      records = grown;
    }
    for (let i = 0; i < count; i++) records[first + i * REC + MEMBER] = member;
    return first;
  };

  const count = (
    r: number,
    window: number,
    flags: number,
    code: number,
    cluster: ClusterRef,
    slot: number,
  ) => {
    const rec = records;
    if (++(rec[r + N] as number) === 1) (order[window] as number[]).push(r);
    const success = (flags & RowKind.Success) !== 0;
    const noPrompt = (flags & NO_PROMPT) !== 0;
    const mfaFailure =
      !success &&
      ((flags & RowKind.Terminal) !== 0 ||
        ((flags & RowKind.Interrupt) !== 0 && (noPrompt || (flags & RowKind.Service) === 0)));
    const serviceFailure = !success && !mfaFailure && (flags & RowKind.Service) !== 0;
    if (mfaFailure) (rec[r + F] as number)++;
    if (serviceFailure) (rec[r + E] as number)++;
    if (mfaFailure || serviceFailure) countCode(r, code);
    if (cluster.legacy) (rec[r + L] as number)++;
    if (slot >= 0) (rec[r + RO + slot] as number)++;
    countCluster(rec, r, cluster.id, cluster.key, mfaFailure);
  };

  const countCode = (r: number, code: number): void => {
    let byCode = codes.get(r);
    if (!byCode) codes.set(r, (byCode = new Map()));
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  };

  const countCluster = (rec: Int32Array, r: number, id: number, key: string, failure: boolean): void => {
    for (let k = 0; k < INLINE_CLUSTERS; k++) {
      const c = r + CLUSTERS + 3 * k;
      const held = rec[c];
      if (held === id) {
        (rec[c + 1] as number)++;
        if (failure) (rec[c + 2] as number)++;
        return;
      }
      if (held === 0) {
        rec[c] = id;
        rec[c + 1] = 1;
        rec[c + 2] = failure ? 1 : 0;
        clusterKeys.set(id, key);
        return;
      }
    }
    let more = moreClusters.get(r);
    if (!more) moreClusters.set(r, (more = new Map()));
    const cell = more.get(id) ?? [0, 0];
    cell[0] += 1;
    if (failure) cell[1] += 1;
    more.set(id, cell);
    clusterKeys.set(id, key);
  };

  const addCell = (tally: UserTally, clusterId: number, n: number, f: number): void => {
    // Two ids may share a key (the cluster cache was emptied between them): their counts add up.
    const cell = (tally.byCluster[clusterKeys.get(clusterId) as string] ??= [0, 0]);
    cell[0] += n;
    cell[1] += f;
  };

  /** Adds the records to the windows' tallies (creating them) and hands the records' memory back. */
  const write = (states: readonly WindowState[], memberIds: readonly string[]): void => {
    for (const window of states) {
      for (const r of order[window.index] as number[]) {
        const id = lowerCaseId(memberIds[records[r + MEMBER] as number] as string);
        const tally = (window.counters.users[id] ??= emptyTally());
        tally.attempts += records[r + N] as number;
        tally.failures += records[r + F] as number;
        tally.serviceFailures += records[r + E] as number;
        tally.legacyAttempts += records[r + L] as number;
        for (let s = 0; s < 4; s++)
          tally.reportOnly[s] = (tally.reportOnly[s] as number) + (records[r + RO + s] as number);
        const byCode = codes.get(r);
        if (byCode)
          for (const [code, n] of byCode) tally.failureCodes[code] = (tally.failureCodes[code] ?? 0) + n;
        for (let k = 0; k < INLINE_CLUSTERS; k++) {
          const c = r + CLUSTERS + 3 * k;
          if (records[c] === 0) break;
          addCell(tally, records[c] as number, records[c + 1] as number, records[c + 2] as number);
        }
        const more = moreClusters.get(r);
        if (more) for (const [clusterId, [n, f]] of more) addCell(tally, clusterId, n, f);
      }
    }
    returnInts(records);
    records = new Int32Array(0);
  };

  return { allocate, count, write };
}

/**
 * A fold of one window for a few users (a preview, a retry of held-back users): their attempts
 * beginning in `stretch`. Read the log to ATTEMPT_WINDOW past `stretch.until`, so the last
 * attempts are read whole.
 */
export function createUsersFold(
  counters: SignInCounters,
  userIds: Iterable<string>,
  stretch: TimeStretch,
): SignInFold {
  const population = new Map<string, true>();
  for (const id of userIds) population.set(id, true);
  return createSignInFold(population, [{ counters, cohort: () => true, stretch }]);
}

/** In `stretch` and not in `holds` (what a window lacks of the stretch it now covers). */
function stretchTest(
  stretch: TimeStretch,
  holds: TimeStretch | undefined,
): (text: string | null | undefined) => boolean {
  const inStretch = createdTimeTest(stretch.from, stretch.until);
  if (!holds) return inStretch;
  const inHeld = createdTimeTest(holds.from, holds.until);
  return (text) => inStretch(text) && !inHeld(text);
}
