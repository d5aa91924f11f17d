import {
  ATTEMPT_WINDOW,
  createBucketCounter,
  DEFAULT_EVIDENCE,
  isoDurationMs,
  tailFor,
  type Plan,
} from "../domain";
import { serverSideUserIds } from "../graph/sign-ins";
import { createSignInFold, type TimeStretch } from "../ingest";
import { readLateTail, saveLateTail, type StatusStore, type UserSlot } from "../store";
import {
  readWindow,
  saveWindow,
  wanted,
  windowKey,
  type Coverage,
  type StoredWindow,
} from "../store/counter-windows";
import { loadRollout } from "../store/rollout-facts";
import { watchTargets } from "./watch-windows";
import type { AppPorts } from "./ports";

export interface CollectSignInsInput {
  rolloutId: string;
  waveIndex: number;
  /**
   * "observe" windows feed the readiness gate; "bake" windows feed the health gate; "watch" reads
   * feed only the watch windows of waves whose bake is over (every read feeds those too).
   */
  purpose: "observe" | "bake" | "watch";
  /** Bake segments restart after a systemic pause, so an outage's failures do not count for ever. */
  segment?: number;
  from: string;
  to: string;
}

export interface CollectSignInsResult {
  pages: number;
  signIns: number;
  /**
   * How far before the read's end attempts stayed pending because rows were seen arriving late
   * (ms; absent or 0 when none were): the bake waits that long past its end before it ends.
   */
  lateTailMs?: number;
}

/** A window this read may add to: its key, whom it counts, and from when it wants the log. */
interface Target {
  key: string;
  policyId: string | null;
  cohort: (user: Member) => boolean;
  from: number;
  /** Control cohorts only feed summaries (see saveWindow). */
  slim: boolean;
}

interface OpenWindow {
  target: Target;
  stored: StoredWindow;
  wants: NonNullable<ReturnType<typeof wanted>>;
}

type Member = UserSlot;

/**
 * Reads one stretch of the sign-in log and folds its sign-in attempts into per-user counters: the
 * wave's users, and the control cohort (population users not enforced and not in this wave) whose
 * failure rate tells a broken wave from a broken MFA provider.
 *
 * Rows reach the log late (minutes, sometimes hours), and one attempt's rows are seconds to minutes
 * apart. So a read asked for the log up to `to` reads rows up to `to - settle` (the plan's
 * evidence.settle) and counts the attempts that began up to ATTEMPT_WINDOW and the late tail before
 * that, whose rows are then all in; it also reads ATTEMPT_WINDOW before the stretch it counts, to
 * see which attempts began in the previous read's stretch (counted there). A window's coverage ends
 * where its attempts are complete: the gates report it, and the next read starts from it. Attempts
 * after it are pending: the next read takes them again with the rows that arrived meanwhile. The
 * tail is zero until reads find, by re-reading, that rows arrive later than `settle`
 * (shared/store/late-tail-state.ts).
 *
 * Every window remembers the stretch it holds, so only what it lacks is read. While a wave bakes,
 * the same pages also open the next wave's observation windows: that wave will look back over
 * these very hours, and without this every observation would read the log a second time. The
 * next wave's window therefore starts at the earliest moment its observation could begin (its
 * predecessor's bake end minus its observeFor), which is earlier than planned only when a bake
 * ran long (more evidence, never less). The same pages feed the watch windows of earlier waves
 * (watch-windows.ts), and a "watch" read after the last wave feeds those alone.
 */
export async function collectSignIns(
  { store, graph }: Pick<AppPorts, "store" | "graph">,
  input: CollectSignInsInput,
): Promise<CollectSignInsResult> {
  const { record, plan } = await loadRollout(store, input.rolloutId);
  const from = new Date(input.from).getTime();
  const requested = new Date(input.to).getTime();
  if (from >= requested) return { pages: 0, signIns: 0 };
  const overlap = isoDurationMs(ATTEMPT_WINDOW);
  const settleMs = isoDurationMs(plan.evidence?.settle ?? DEFAULT_EVIDENCE.settle);
  const readTo = requested - settleMs;
  const late = await readLateTail(store, input.rolloutId);
  const lateTailMs = tailFor(late, readTo);
  const to = readTo - overlap - lateTailMs;

  const members: ReadonlyMap<string, Member> = await store.users.slots(input.rolloutId);
  const targets = targetsOf(input, from, {
    reportOnly: record.reportOnlyPolicyId ?? null,
    enforced: record.enforcedPolicyId ?? null,
  });
  const next = await nextWaveTargets(store, input, plan, {
    since: record.reportOnlySince,
    policyId: record.reportOnlyPolicyId ?? null,
  });
  const watched = await watchTargets(
    store,
    input.rolloutId,
    input.purpose === "watch" ? plan.waves.length : input.waveIndex,
    from,
    record.enforcedPolicyId ?? null,
  );
  const open: OpenWindow[] = [];
  for (const target of [...targets, ...next, ...watched]) {
    const stored = await readWindow(store, input.rolloutId, target.key, target.policyId);
    if (!stored.coverage && target.from >= to) {
      // Nothing of the window has settled yet (a settle longer than the time since it began): it
      // remembers where it begins, since the engine asks the next read only from this read's end.
      await saveWindow(store, input.rolloutId, target.key, {
        counters: stored.counters,
        coverage: { from: target.from, until: target.from },
        slim: target.slim,
      });
      continue;
    }
    const wants = wanted(target.from, stored.coverage, to);
    if (wants) open.push({ target, stored, wants });
  }
  if (open.length === 0 || members.size === 0) return { pages: 0, signIns: 0, lateTailMs };

  const readFrom = Math.min(...open.map((o) => o.wants.readFrom)) - overlap;
  // Straight into the stored counters (the fold adds to tallies already there): a control
  // cohort's window holds most of the population, and a merged copy of it per read was a large
  // share of a 100,000-user rehearsal's time and garbage.
  const userIds = serverSideUserIds(members);
  const fold = createSignInFold(
    members,
    open.map((window) => ({
      counters: window.stored.counters,
      cohort: window.target.cohort,
      ...foldStretch(window.wants, window.stored.coverage, to),
    })),
    // Without a user filter the read is one query, newest first: the fold forgets attempts as it goes.
    { newestFirst: userIds === undefined },
  );
  const rows = createBucketCounter();
  const read = await graph.streamSignIns({
    from: new Date(readFrom),
    to: new Date(readTo),
    // The fold tests every sign-in's user and time itself: the gateway need not filter again,
    // and a user filter is worth passing only when the server applies it.
    userIds,
    narrow: false,
    onPage: (page) => {
      for (const signIn of page) rows.add(signIn.createdDateTime);
      fold.addPage(page);
    },
  });
  fold.finish();
  // Before the windows: a retry after a crash in between finds this read's tail and reuses it.
  await saveLateTail(store, input.rolloutId, late, {
    read: { readAt: requested, readFrom, readTo, buckets: rows.buckets() },
    limits: {
      settleMs,
      maxTailMs: isoDurationMs(plan.evidence?.maxLateTail ?? DEFAULT_EVIDENCE.maxLateTail),
    },
  });
  for (const window of open) {
    await saveWindow(store, input.rolloutId, window.target.key, {
      counters: window.stored.counters,
      coverage: window.wants.coverage,
      slim: window.target.slim,
    });
  }
  return { pages: read.pages, signIns: fold.counted, lateTailMs };
}

/**
 * The attempts wanted() asks a window for, as the fold tests their first rows: from where the
 * window reads up to `to`, less the stretch it holds. (The fold compares times as text, so it takes
 * bounds rather than wanted's `includes`.)
 */
export function foldStretch(
  wants: { readFrom: number },
  holds: Coverage | undefined,
  to: number,
): { stretch: TimeStretch; holds: TimeStretch | undefined } {
  return { stretch: { from: wants.readFrom, until: to }, holds };
}

function targetsOf(
  input: CollectSignInsInput,
  from: number,
  policies: { reportOnly: string | null; enforced: string | null },
): Target[] {
  if (input.purpose === "watch") return [];
  const policyId = input.purpose === "observe" ? policies.reportOnly : policies.enforced;
  return cohortTargets(input.waveIndex, input.purpose, input.segment ?? 0, policyId, from);
}

function cohortTargets(
  waveIndex: number,
  purpose: "observe" | "bake",
  segment: number,
  policyId: string | null,
  from: number,
): Target[] {
  return [
    {
      key: windowKey(waveIndex, purpose, "wave", segment),
      policyId,
      cohort: (user) => user.waveIndex === waveIndex,
      from,
      slim: false,
    },
    {
      key: windowKey(waveIndex, purpose, "control", segment),
      policyId,
      // Held-back users are no witnesses of the MFA service: their failed attempts from before
      // the hold-back (the watch holds users back while later waves bake) are their app's.
      cohort: (user) =>
        user.waveIndex !== waveIndex &&
        user.stage !== "enforced" &&
        user.stage !== "excluded" &&
        user.stage !== "heldBack",
      from,
      slim: true,
    },
  ];
}

/** During a bake: the next wave's observation windows, from the earliest its observation can start. */
async function nextWaveTargets(
  store: StatusStore,
  input: CollectSignInsInput,
  plan: Plan,
  reportOnly: { since: string | undefined; policyId: string | null },
): Promise<Target[]> {
  const current = plan.waves[input.waveIndex];
  const next = plan.waves[input.waveIndex + 1];
  if (input.purpose !== "bake" || !current || !next) return [];
  const wave = await store.waves.find(input.rolloutId, input.waveIndex);
  if (!wave?.bakeStartedAt) return [];
  const earliest = Math.max(
    reportOnly.since ? Date.parse(reportOnly.since) : 0,
    Date.parse(wave.bakeStartedAt) + isoDurationMs(current.bakeFor) - isoDurationMs(next.observeFor),
  );
  return cohortTargets(input.waveIndex + 1, "observe", 0, reportOnly.policyId, earliest);
}
