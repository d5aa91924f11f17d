import * as df from "durable-functions";
import {
  checkHealth,
  decideWatch,
  isoDurationMs,
  watchSettings,
  type WatchDecision,
} from "../../shared/domain";
import { dependencies } from "../../shared/runtime/dependencies";
import type { StatusStore, UserSlot, WaveRecord } from "../../shared/store";
import type { GraphGateway } from "../../shared/graph";
import { Activities, type EvaluateWatchInput, type EvaluateWatchResult } from "../activity-contracts";
import { completeness, loadStoredWindow, windowKey } from "../../shared/store/counter-windows";
import { recordDecision } from "./record-decision";
import { releaseHeldBack } from "./release-held-back";
import { gatesOf, loadRollout, type RolloutFacts } from "../../shared/store/rollout-facts";
import { watchWindowKey } from "./watch-windows";
import { waveUsers } from "./wave-users";

/**
 * One look of the watch at every wave whose bake is over and whose watch is on: the bake's own
 * check (checkHealth) on the watch window, turned into an action by decideWatch. Users whose
 * attempts fail under enforcement are held back with the bake's attribution and reasons; a
 * systemic or spread failure is recorded and reported, and nothing pauses. Looks that find
 * nothing leave no row: only what an operator must see is written.
 */
export async function evaluateWatch(input: EvaluateWatchInput): Promise<EvaluateWatchResult> {
  const { store, graph } = await dependencies();
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
      const decision = await lookAt(store, graph, facts, slots, wave, input.at);
      if (decision.action === "holdBack") {
        heldBackWaves.push(wave.index);
        // Out of the enforced group at once, as a bake's shrink does (idempotent).
        await releaseHeldBack({
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
  store: StatusStore,
  graph: GraphGateway,
  facts: RolloutFacts,
  slots: ReadonlyMap<string, UserSlot>,
  wave: WaveRecord,
  at: string,
): Promise<WatchDecision> {
  const rolloutId = facts.record.id;
  const gates = gatesOf(facts, wave.index);
  const enforced = waveUsers(slots, wave.index, "enforced");
  const heldBack = waveUsers(slots, wave.index, "heldBack");
  const current = await loadStoredWindow(store, rolloutId, watchWindowKey(wave.index), null);
  const baseline = await loadStoredWindow(store, rolloutId, windowKey(wave.index, "observe", "wave"), null);
  const check = checkHealth({
    waveUserIds: enforced,
    heldBackUserIds: heldBack,
    current: current.counters,
    baseline: baseline.counters,
    gates,
    // Never "bake complete": an inconclusive look during the watch is no reason to act.
    state: {
      bakeComplete: false,
      extensions: 0,
      waveSize: enforced.length + heldBack.length,
      heldBack: heldBack.length,
    },
  });
  const decision = decideWatch(check);
  if (decision.action === "healthy") return decision;
  // A report the wave already carries is not written again at every look (a hold-back always is).
  if (decision.action !== "holdBack" && wave.lastDecision?.reason === decision.reason) return decision;
  await recordDecision(store, graph, {
    rolloutId,
    waveIndex: wave.index,
    gate: "watch",
    at,
    verdict: check.health.verdict,
    reasons: [
      ...check.health.reasons,
      ...(check.systemic.systemic ? check.systemic.reasons : []),
      completeness(current.coverage),
    ],
    metrics: {
      ...check.health.metrics,
      systemic: check.systemic.systemic,
      watch: decision.action,
      attribution: check.attribution.metrics,
      evidenceUntil: current.coverage ? new Date(current.coverage.until).toISOString() : null,
    },
    outcome: {
      decision: decision.action === "holdBack" ? "shrink" : "proceed",
      reason: decision.reason,
      holdBack: decision.holdBack,
    },
    gates,
  });
  return decision;
}

df.app.activity(Activities.evaluateWatch, { handler: (input: EvaluateWatchInput) => evaluateWatch(input) });
