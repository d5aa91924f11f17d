import { createCounters, type SignInCounters, type UserTally } from "../../shared/domain";
import type { StatusStore } from "../../shared/store";

/**
 * Per-user sign-in counters live in the counters table, one window per wave, purpose and cohort,
 * each stored as one document with the stretch of the log it covers. A stretch is folded in once
 * and never read again.
 */
export function windowKey(
  waveIndex: number,
  purpose: "observe" | "bake",
  cohort: "wave" | "control",
  segment = 0,
): string {
  return `w${waveIndex}-${purpose}${segment > 0 ? segment : ""}-${cohort}`;
}

/** The stretch of the sign-in log a window holds: sign-ins at `from` <= t <= `until` (ms). */
export interface Coverage {
  from: number;
  until: number;
}

/**
 * What a window still lacks of [from, to]: before its stored stretch, after it, or all of it, and
 * from when the log must be read to fill it. A window only grows: the engine asks for stretches
 * that meet or overlap what it holds, so the new coverage is one stretch.
 */
export function wanted(
  from: number,
  coverage: Coverage | undefined,
  to: number,
): { readFrom: number; coverage: Coverage; includes: (at: number) => boolean } | undefined {
  if (!coverage) {
    return { readFrom: from, coverage: { from, until: to }, includes: (at) => at >= from && at <= to };
  }
  const earlier = from < coverage.from;
  const later = to > coverage.until;
  if (!earlier && !later) return undefined;
  return {
    readFrom: earlier ? from : coverage.until,
    coverage: { from: Math.min(from, coverage.from), until: Math.max(to, coverage.until) },
    includes: (at) => at <= to && ((at >= from && at < coverage.from) || at > coverage.until),
  };
}

interface WindowMeta {
  v: 2;
  from: string;
  until: string;
}

/** A control cohort only ever feeds summaries: its tallies keep the counts, not the clusters. */
type SlimTally = [
  n: number,
  f: number,
  e: number,
  l: number,
  ro0: number,
  ro1: number,
  ro2: number,
  ro3: number,
];

interface WindowBody {
  skipped: number;
  users: Record<string, UserTally | SlimTally>;
}

export interface StoredWindow {
  counters: SignInCounters;
  coverage: Coverage | undefined;
}

export async function readWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  policyId: string | null,
): Promise<StoredWindow> {
  const counters = createCounters(policyId);
  const document = await store.counters.readDocument<WindowMeta>(rolloutId, key);
  if (!document) return { counters, coverage: undefined };
  const body = JSON.parse(document.body) as WindowBody;
  counters.skipped = body.skipped;
  for (const [userId, tally] of Object.entries(body.users)) {
    counters.users[userId] = Array.isArray(tally) ? fromSlim(tally) : tally;
  }
  return {
    counters,
    coverage: { from: Date.parse(document.meta.from), until: Date.parse(document.meta.until) },
  };
}

export async function loadWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  policyId: string | null,
): Promise<SignInCounters> {
  return (await readWindow(store, rolloutId, key, policyId)).counters;
}

/** Replaces a window's counters and coverage; `slim` drops what only a wave's own users need. */
export async function saveWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  window: { counters: SignInCounters; coverage: Coverage; slim: boolean },
): Promise<void> {
  const users: WindowBody["users"] = {};
  for (const [userId, tally] of Object.entries(window.counters.users)) {
    users[userId] = window.slim ? toSlim(tally) : tally;
  }
  const body: WindowBody = { skipped: window.counters.skipped, users };
  await store.counters.writeDocument<WindowMeta>(rolloutId, key, {
    meta: {
      v: 2,
      from: new Date(window.coverage.from).toISOString(),
      until: new Date(window.coverage.until).toISOString(),
    },
    body: JSON.stringify(body),
  });
}

function toSlim(t: UserTally): SlimTally {
  return [t.n, t.f, t.e, t.l, t.ro[0], t.ro[1], t.ro[2], t.ro[3]];
}

function fromSlim([n, f, e, l, ro0, ro1, ro2, ro3]: SlimTally): UserTally {
  return { n, f, e, l, ro: [ro0, ro1, ro2, ro3], codes: {}, c: {} };
}
