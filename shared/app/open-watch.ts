import { summarize, untestedClusters, watchEndsAt } from "../domain";
import type { AppPorts } from "./ports";
import type { WaveStep } from "./wave-step";
import { readWindow, saveWindow, windowKey } from "../store/counter-windows";
import { gatesOf, loadRollout } from "../store/rollout-facts";
import { watchFacts, watchWindowKey } from "./watch-windows";

export interface OpenWatchInput extends WaveStep {
  /** The bake segment whose counters the watch carries on. */
  segment: number;
}

export interface OpenWatchResult {
  watchUntil: string;
  /** Clusters the bake saw too rarely to judge (UntestedCluster.text), fewest attempts first. */
  untested: string[];
}

/** The wave result names this many untested clusters at most; the wave row keeps them all. */
const UNTESTED_STORED = 50;

/**
 * At the end of a wave's bake: its users go under watch until `watch.for` from now. The watch
 * window starts as the bake's own counters (same attempts, same stretch of the log), and the
 * clusters the bake saw too rarely to judge are named on the wave. Run again, it keeps the watch
 * window a later read may already have added to.
 */
export async function openWatch(
  { store }: Pick<AppPorts, "store">,
  input: OpenWatchInput,
): Promise<OpenWatchResult> {
  const facts = await loadRollout(store, input.rolloutId);
  const { settings, evidence } = watchFacts(facts.plan, gatesOf(facts, input.waveIndex));
  const policyId = facts.record.enforcedPolicyId ?? null;
  const bake = await readWindow(
    store,
    input.rolloutId,
    windowKey(input.waveIndex, "bake", "wave", input.segment),
    policyId,
  );
  const watchKey = watchWindowKey(input.waveIndex);
  const existing = await store.counters.documentGeneration(input.rolloutId, watchKey);
  const summary = summarize(bake.counters);
  const untested = untestedClusters({
    bake: bake.counters,
    expectedRate: summary.signIns > 0 ? summary.failures / summary.signIns : 0,
    evidence,
  }).map((c) => c.text);
  if (existing === undefined && bake.coverage) {
    await saveWindow(store, input.rolloutId, watchKey, {
      counters: bake.counters,
      coverage: bake.coverage,
      slim: false,
    });
  }
  const watchUntil = watchEndsAt(input.at, settings);
  await store.waves.update(input.rolloutId, input.waveIndex, () => ({
    watchUntil,
    untested: untested.slice(0, UNTESTED_STORED),
  }));
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: input.actor,
    action: "watch:start",
    waveIndex: input.waveIndex,
    details: { watchUntil, checkEvery: settings.checkEvery, untested: untested.slice(0, UNTESTED_STORED) },
    idempotencyKey: `w${input.waveIndex}-watch-start`,
  });
  return { watchUntil, untested };
}
