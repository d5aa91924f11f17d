import { createCounters, type SignInCounters, type UserTally } from "../domain";
import type { StatusStore } from "./status-store";
import {
  fromSlimTally,
  fromStoredTally,
  toSlimTally,
  toStoredTally,
  type SlimTally,
  type StoredTally,
} from "./stored-tally";
import { WindowCache } from "./window-cache";

/**
 * Per-user sign-in attempt counters live in the counters table, one window per wave, purpose and
 * cohort, each stored as one document with the stretch of the log it covers (the attempts that
 * began in it). A stretch is counted once (collect-sign-ins reads a little either side of it).
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

interface WindowBody {
  skipped: number;
  users: Record<string, StoredTally | SlimTally>;
}

export interface StoredWindow {
  counters: SignInCounters;
  coverage: Coverage | undefined;
}

/**
 * The windows a step touches (a wave's and its control cohort's, observed and baking, and the next
 * wave's) stay parsed between steps; each control window holds most of the population.
 */
const cache = new WindowCache<StoredWindow>(8);

const cacheId = (rolloutId: string, key: string) => `${rolloutId}\u0000${key}`;

/**
 * A window to count into and then save (saveWindow): the caller's own copy. A window no read has
 * written yet comes back empty, with no coverage.
 */
export async function readWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  policyId: string | null,
): Promise<StoredWindow> {
  const generation = await store.counters.documentGeneration(rolloutId, key);
  if (generation === undefined) return emptyWindow(policyId);
  const cached = cache.take(cacheId(rolloutId, key), generation);
  if (cached) {
    cached.counters.policyId = policyId;
    return cached;
  }
  return (await readStored(store, rolloutId, key, policyId))?.window ?? emptyWindow(policyId);
}

/** A window's counters for reading only: they may be shared with later readers of this process. */
export async function loadWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  policyId: string | null,
): Promise<SignInCounters> {
  return (await loadStoredWindow(store, rolloutId, key, policyId)).counters;
}

/**
 * loadWindow with the stretch the window holds: its attempts are complete up to `coverage.until`
 * (collect-sign-ins stops short of now by the plan's settle), which the gates report.
 */
export async function loadStoredWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  policyId: string | null,
): Promise<StoredWindow> {
  const id = cacheId(rolloutId, key);
  const generation = await store.counters.documentGeneration(rolloutId, key);
  if (generation === undefined) return emptyWindow(policyId);
  let window = cache.peek(id, generation);
  if (!window) {
    const stored = await readStored(store, rolloutId, key, policyId);
    if (!stored) return emptyWindow(policyId);
    cache.put(id, stored.generation, stored.window);
    window = stored.window;
  }
  const counters = window.counters.policyId === policyId ? window.counters : { ...window.counters, policyId };
  return { counters, coverage: window.coverage };
}

/** Up to when the gate's sign-ins are complete: the log is read to now - settle (collect-sign-ins.ts). */
export function completeness(coverage: { until: number } | undefined): string {
  return coverage
    ? `sign-in attempts complete up to ${new Date(coverage.until).toISOString()}`
    : "no stretch of the sign-in log is complete yet (rows are given the plan's evidence.settle to arrive)";
}

async function readStored(
  store: StatusStore,
  rolloutId: string,
  key: string,
  policyId: string | null,
): Promise<{ window: StoredWindow; generation: string } | undefined> {
  const document = await store.counters.readDocument<WindowMeta>(rolloutId, key);
  if (!document) return undefined;
  const counters = createCounters(policyId);
  const body = JSON.parse(document.body) as WindowBody;
  counters.skipped = body.skipped;
  for (const [userId, tally] of Object.entries(body.users)) {
    counters.users[userId] = Array.isArray(tally) ? fromSlimTally(tally) : fromStoredTally(tally);
  }
  const coverage = { from: Date.parse(document.meta.from), until: Date.parse(document.meta.until) };
  return { window: { counters, coverage }, generation: document.generation };
}

function emptyWindow(policyId: string | null): StoredWindow {
  return { counters: createCounters(policyId), coverage: undefined };
}

/**
 * Replaces a window's counters and coverage; `slim` drops what only a wave's own users need (from
 * the counters given too, so that what stays cached equals what was stored). The counters are the
 * cache's afterwards: the caller must not change them.
 */
export async function saveWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  window: { counters: SignInCounters; coverage: Coverage; slim: boolean },
): Promise<void> {
  const users: WindowBody["users"] = {};
  for (const [userId, tally] of Object.entries(window.counters.users)) {
    if (window.slim) {
      users[userId] = toSlimTally(tally);
      dropDetail(tally);
    } else users[userId] = toStoredTally(tally);
  }
  const body: WindowBody = { skipped: window.counters.skipped, users };
  const generation = await store.counters.writeDocument<WindowMeta>(rolloutId, key, {
    meta: {
      v: 2,
      from: new Date(window.coverage.from).toISOString(),
      until: new Date(window.coverage.until).toISOString(),
    },
    body: JSON.stringify(body),
  });
  // Another writer's document won: this copy is not what is stored.
  if (generation !== undefined)
    cache.put(cacheId(rolloutId, key), generation, { counters: window.counters, coverage: window.coverage });
}

function dropDetail(tally: UserTally): void {
  for (const _ in tally.failureCodes) {
    tally.failureCodes = {};
    break;
  }
  for (const _ in tally.byCluster) {
    tally.byCluster = {};
    break;
  }
}
