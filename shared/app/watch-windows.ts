import { DEFAULT_GATES, errorBudget, watchSettings, type Plan } from "../domain";
import type { StatusStore, UserSlot } from "../store";

/**
 * A wave's watch window: the bake's attempt counters of its users, carried on after the bake
 * (open-watch.ts copies them), so the watch's looks are further looks of the bake's own
 * sequential tests and a cluster the bake found broken stays known as broken.
 */
export function watchWindowKey(waveIndex: number): string {
  return `w${waveIndex}-watch-wave`;
}

/** A window collect-sign-ins adds to: see its Target. */
export interface WatchTarget {
  key: string;
  policyId: string | null;
  cohort: (user: UserSlot) => boolean;
  from: number;
  slim: false;
}

/**
 * The watch windows every read of the log also feeds: those of earlier waves (below `beforeWave`)
 * whose watch is still on at `from`. The pages a later wave's observation and bake read anyway
 * fill them, so the watch reads no stretch of the log twice.
 */
export async function watchTargets(
  store: StatusStore,
  rolloutId: string,
  beforeWave: number,
  from: number,
  policyId: string | null,
): Promise<WatchTarget[]> {
  if (beforeWave <= 0) return [];
  const waves = await store.waves.list(rolloutId);
  return waves
    .filter((w) => w.index < beforeWave && w.watchUntil !== undefined && Date.parse(w.watchUntil) > from)
    .map((w) => ({
      key: watchWindowKey(w.index),
      policyId,
      cohort: (user: UserSlot) => user.waveIndex === w.index,
      from,
      slim: false,
    }));
}

/** The watch's settings and the hold-back evidence bar of a wave's gates, for open-watch. */
export function watchFacts(plan: Plan, gates = DEFAULT_GATES) {
  return { settings: watchSettings(plan), evidence: errorBudget(gates.health, gates.shrink).holdBack };
}
