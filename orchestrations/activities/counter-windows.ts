import { createCounters, mergeCounters, type SignInCounters, type UserTally } from "../../shared/domain";
import type { StatusStore } from "../../shared/store";

/**
 * Per-user sign-in counters live in the counters table, one window per wave, purpose and cohort.
 * A stretch of the sign-in log is folded in once and never read again.
 */
export function windowKey(
  waveIndex: number,
  purpose: "observe" | "bake",
  cohort: "wave" | "control",
  segment = 0,
): string {
  return `w${waveIndex}-${purpose}${segment > 0 ? segment : ""}-${cohort}`;
}

export async function loadWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  policyId: string | null,
): Promise<SignInCounters> {
  const counters = createCounters(policyId);
  for await (const page of store.counters.iteratePages<UserTally>(rolloutId, key)) {
    for (const row of page) counters.users[row.userId] = row.counters;
  }
  return counters;
}

/** Adds fresh counters to a stored window, writing only the users that changed. */
export async function addToWindow(
  store: StatusStore,
  rolloutId: string,
  key: string,
  fresh: SignInCounters,
): Promise<void> {
  const changed = Object.keys(fresh.users);
  if (changed.length === 0) return;
  const stored = await loadWindow(store, rolloutId, key, fresh.policyId);
  const merged = mergeCounters(stored, fresh);
  await store.counters.upsertMany(
    rolloutId,
    key,
    changed.map((userId) => ({ userId, counters: merged.users[userId] as UserTally })),
  );
}
