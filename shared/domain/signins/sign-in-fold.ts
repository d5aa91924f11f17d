import type { SignIn } from "@microsoft/microsoft-graph-types";
import { GuidTable, NOT_A_GUID, NOT_FOUND } from "./guid-table";
import { lowerCaseId, type SignInCounters } from "./sign-in-counters";
import { borrowInts, returnInts } from "./spare-ints";
import { emptyFacts, factsOf, reportOnlySlot } from "./sign-in-facts";
import { createdTimeTest } from "./sign-in-time";
import { emptyTally, type UserTally } from "./user-tally";

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
  /** The window takes the sign-ins of this stretch... */
  stretch: TimeStretch;
  /** ...except those of the stretch it already holds (counted by an earlier read), if any. */
  holds?: TimeStretch | undefined;
}

export interface SignInFold {
  /** Counts a sign-in in every window whose cohort holds its user and whose stretch its time. */
  add(signIn: SignIn): void;
  addPage(signIns: readonly SignIn[]): void;
  /**
   * Writes what was counted into the windows' counters (adding to tallies already there), as a
   * run of addSignIn calls would have left them. Once: the fold takes no sign-ins after.
   */
  finish(): void;
  /** Sign-ins counted so far, each once however many windows it went into. */
  readonly counted: number;
}

/**
 * Per member and window counted in, one record of REC integers (64 bytes, a cache line): the
 * UserTally numbers, the member, and its first two clusters (id, sign-ins, failures); further
 * clusters and error codes (failures only) are kept aside. Counting a sign-in thus touches one
 * line instead of a tally object, its arrays and its cluster dictionary.
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
const SLOT_RECORDS = 6; // first record + 1, 0 until the member's first counted sign-in

/** What locate() answers for a user the fold does not count; ODD - n points into the odd members' fields. */
const MISSING = -3;
const ODD = -4;

interface WindowState {
  index: number;
  counters: SignInCounters;
  time: number;
  policy: number;
}

/**
 * Folds sign-ins into per-user counters of several windows at once (a wave's and its control
 * cohort's, say) for a fixed population: the same counts as calling addSignIn on each window whose
 * cohort holds the user and whose stretch holds the time, but cheaper per sign-in, since a gate
 * read folds millions (bench/gate-throughput.ts holds the read to within 25% of JSON.parse).
 * Cohorts are resolved once per member, up front; a sign-in costs one lookup of its user id in a
 * GuidTable, string comparisons for its time, one reading of its facts however many windows it
 * goes into, and an update of the member's compact records. finish() writes the tallies.
 *
 * Sign-ins without a user id, or of users outside the population, are ignored (not counted as
 * `skipped`): the population decides whom a read counts. Ids are compared without case.
 */
export function createSignInFold<M>(
  population: ReadonlyMap<string, M>,
  windows: readonly FoldWindow<M>[],
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
    // A member no window counts needs no slot: its sign-ins are passed over like a stranger's.
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

  let records = borrowInts(REC * 1024);
  let usedRecords = 0;
  /** Per window, its records in the order of their first counted sign-in (that of addSignIn's keys). */
  const order: number[][] = windows.map(() => []);
  const moreClusters = new Map<number, Map<number, [number, number]>>();
  const codes = new Map<number, Map<number, number>>();
  const clusterKeys = new Map<number, string>();

  // Per sign-in, each time test and report-only slot is worked out once, when a window first needs
  // it: `stamp` tells this sign-in's answers from the previous one's.
  let stamp = 0;
  const timeStamps = times.map(() => 0);
  const inTime = times.map(() => false);
  const slotStamps = policies.map(() => 0);
  const slots: (0 | 1 | 2 | 3 | undefined)[] = policies.map(() => undefined);
  const facts = emptyFacts();
  let counted = 0;
  let finished = false;

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

  /** Where a user's fields are: a GuidTable offset, ODD - offset in the odd members' fields, or MISSING. */
  const locate = (userId: string | null | undefined): number => {
    if (!userId) return MISSING;
    const at = table.find(userId);
    if (at !== NOT_A_GUID) return at;
    const oddAt = odd.get(lowerCaseId(userId));
    return oddAt === undefined ? MISSING : ODD - oddAt;
  };

  const count = (signIn: SignIn, located: number): void => {
    if (located === MISSING || located === NOT_FOUND) return;
    const data = located >= 0 ? table.data : oddFields;
    const at = located >= 0 ? located : ODD - located;
    const combo = data[at + SLOT_COMBO] as number;
    let first = (data[at + SLOT_RECORDS] as number) - 1;
    const mine = combos[combo] as WindowState[];
    // All that counting reads of the sign-in, read together: in a page just parsed each is a
    // cache miss, and misses issued together overlap instead of waiting on one another.
    const created = signIn.createdDateTime;
    const code = signIn.status?.errorCode ?? 0;
    const platform = signIn.deviceDetail?.operatingSystem;
    const applied = signIn.appliedConditionalAccessPolicies;
    stamp++;
    let factsRead = false;
    for (let i = 0; i < mine.length; i++) {
      const window = mine[i] as WindowState;
      const t = window.time;
      if (timeStamps[t] !== stamp) {
        timeStamps[t] = stamp;
        inTime[t] = (times[t] as (text: string | null | undefined) => boolean)(created);
      }
      if (!inTime[t]) continue;
      if (!factsRead) {
        factsOf(
          code,
          signIn.appDisplayName || signIn.appId || "unknown app",
          signIn.clientAppUsed ?? "unknown client",
          platform || "unknown platform",
          facts,
        );
        factsRead = true;
        counted++;
      }
      const p = window.policy;
      if (slotStamps[p] !== stamp) {
        slotStamps[p] = stamp;
        slots[p] = reportOnlySlot(policies[p] as string | null, applied);
      }
      if (first < 0) {
        first = allocate(mine.length, (data[at + SLOT_MEMBER] as number) - 1);
        data[at + SLOT_RECORDS] = first + 1;
      }
      const r = first + i * REC;
      const rec = records;
      if (++(rec[r + N] as number) === 1) (order[window.index] as number[]).push(r);
      const { mfaFailure, serviceFailure, cluster } = facts;
      if (mfaFailure) (rec[r + F] as number)++;
      if (serviceFailure) (rec[r + E] as number)++;
      if (mfaFailure || serviceFailure) countCode(r, facts.code);
      if (cluster.legacy) (rec[r + L] as number)++;
      const slot = slots[p];
      if (slot !== undefined) (rec[r + RO + slot] as number)++;
      countCluster(rec, r, cluster.id, cluster.key, mfaFailure);
    }
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

  const finish = (): void => {
    if (finished) throw new Error("this sign-in fold is finished");
    finished = true;
    for (const window of states) {
      for (const r of order[window.index] as number[]) {
        const id = lowerCaseId(memberIds[records[r + MEMBER] as number] as string);
        const tally = (window.counters.users[id] ??= emptyTally());
        tally.n += records[r + N] as number;
        tally.f += records[r + F] as number;
        tally.e += records[r + E] as number;
        tally.l += records[r + L] as number;
        for (let s = 0; s < 4; s++) tally.ro[s] = (tally.ro[s] as number) + (records[r + RO + s] as number);
        const byCode = codes.get(r);
        if (byCode) for (const [code, count] of byCode) tally.codes[code] = (tally.codes[code] ?? 0) + count;
        for (let k = 0; k < INLINE_CLUSTERS; k++) {
          const c = r + CLUSTERS + 3 * k;
          if (records[c] === 0) break;
          addCell(tally, records[c] as number, records[c + 1] as number, records[c + 2] as number);
        }
        const more = moreClusters.get(r);
        if (more) for (const [clusterId, [n, f]] of more) addCell(tally, clusterId, n, f);
      }
    }
    table.release();
    returnInts(records);
    records = new Int32Array(0);
  };

  const addCell = (tally: UserTally, clusterId: number, n: number, f: number): void => {
    // Two ids may share a key (the cluster cache was emptied between them): their counts add up.
    const cell = (tally.c[clusterKeys.get(clusterId) as string] ??= [0, 0]);
    cell[0] += n;
    cell[1] += f;
  };

  return {
    add: (signIn) => {
      if (finished) throw new Error("this sign-in fold is finished");
      count(signIn, locate(signIn.userId));
    },
    addPage: (signIns) => {
      if (finished) throw new Error("this sign-in fold is finished");
      for (let i = 0; i < signIns.length; i++) {
        const signIn = signIns[i] as SignIn;
        count(signIn, locate(signIn.userId));
      }
    },
    finish,
    get counted() {
      return counted;
    },
  };
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
