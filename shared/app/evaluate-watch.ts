import { checkHealth, decideWatch, isoDurationMs, watchSettings, type WatchDecision } from "../domain";
import type { UserSlot, WaveRecord } from "../store";
import { loadStoredWindow, windowKey } from "../store/counter-windows";
import { loadRollout, type RolloutFacts } from "../store/rollout-facts";
import { cohortState, healthFindings, waveCohort } from "./gate-evidence";
import type { AppPorts } from "./ports";
import { recordDecision } from "./record-decision";
import { releaseHeldBack } from "./release-held-back";
import { watchWindowKey } from "./watch-windows";

export interface EvaluateWatchInput {
  rolloutId: string;
  at: string;
  /** Waves below this index are looked at (those whose bake is over). */
  throughWave: number;
  actor: string;
}

export interface EvaluateWatchResult {
  /** Waves that had users held back by this look (already out of the enforced group). */
  heldBackWaves: number[];
  /** The latest end of any wave's watch; null when no wave is watched. */
  until: string | null;
  checkEvery: string;
  /** Users enforced in waves still watched; users held back so far in every wave whose bake is over. */
  watched: number;
  heldBack: number;
}

/**
 * One look of the watch at every wave whose bake is over and whose watch is on: the bake's own
 * check (checkHealth) on the watch window, turned into an action by decideWatch. Users whose
 * attempts fail under enforcement are held back with the bake's attribution and reasons; a
 * systemic or spread failure is recorded and reported, and nothing pauses. Looks that find
 * nothing leave no row: only what an operator must see is written.
 */
export async function evaluateWatch(deps: AppPorts, input: EvaluateWatchInput): Promise<EvaluateWatchResult> {
  const { store } = deps;
  const facts = await loadRollout(store, input.rolloutId);
  const settings = watchSettings(facts.plan);
  const at = Date.parse(input.at);
  const waves = (await store.waves.list(input.rolloutId)).filter(
    (w) => w.index < input.throughWave && w.watchUntil !== undefined,
  );
  const slots = await store.users.slots(input.rolloutId);
  const heldBackWaves: number[] = [];
  let until: string | null = null;
  let watched = 0;
  let heldBack = 0;
  for (const wave of waves) {
    const end = wave.watchUntil as string;
    // A look up to one period after a watch's end still judges the stretch up to it.
    const live = at <= Date.parse(end) + isoDurationMs(settings.checkEvery);
    if (live) {
      if (until === null || end > until) until = end;
      const decision = await lookAt(deps, facts, slots, wave, input.at);
      if (decision.action === "holdBack") {
        heldBackWaves.push(wave.index);
        // Out of the enforced group at once, as a bake's shrink does (idempotent).
        await releaseHeldBack(deps, {
          rolloutId: input.rolloutId,
          waveIndex: wave.index,
          at: input.at,
          actor: input.actor,
        });
      }
    }
    // Held back so far counts waves whose watch has ended too; watched, only those still on.
    const counts = await store.users.countByStage(input.rolloutId, { waveIndex: wave.index });
    if (live) watched += counts.enforced;
    heldBack += counts.heldBack;
  }
  return { heldBackWaves, until, checkEvery: settings.checkEvery, watched, heldBack };
}

async function lookAt(
  deps: AppPorts,
  facts: RolloutFacts,
  slots: ReadonlyMap<string, UserSlot>,
  wave: WaveRecord,
  at: string,
): Promise<WatchDecision> {
  const { store } = deps;
  const rolloutId = facts.record.id;
  const cohort = waveCohort(facts, slots, wave.index, "enforced");
  const current = await loadStoredWindow(store, rolloutId, watchWindowKey(wave.index), null);
  const baseline = await loadStoredWindow(store, rolloutId, windowKey(wave.index, "observe", "wave"), null);
  const check = checkHealth({
    waveUserIds: cohort.judged,
    heldBackUserIds: cohort.heldBack,
    current: current.counters,
    baseline: baseline.counters,
    gates: cohort.gates,
    // Never "bake complete": an inconclusive look during the watch is no reason to act.
    state: { bakeComplete: false, ...cohortState(cohort, 0) },
  });
  const decision = decideWatch(check);
  if (decision.action === "healthy") return decision;
  // A report the wave already carries is not written again at every look (a hold-back always is).
  if (decision.action !== "holdBack" && wave.lastDecision?.reason === decision.reason) return decision;
  await recordDecision(deps, {
    rolloutId,
    waveIndex: wave.index,
    gate: "watch",
    at,
    verdict: check.health.verdict,
    ...healthFindings(check, current.coverage, { watch: decision.action }),
    outcome: {
      decision: decision.action === "holdBack" ? "shrink" : "proceed",
      reason: decision.reason,
      holdBack: decision.holdBack,
    },
    gates: cohort.gates,
  });
  return decision;
}
