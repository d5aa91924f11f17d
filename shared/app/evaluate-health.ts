import { checkHealth } from "../domain";
import { loadStoredWindow, windowKey } from "../store/counter-windows";
import { loadRollout } from "../store/rollout-facts";
import { evaluateWatch } from "./evaluate-watch";
import { cohortState, healthFindings, waveCohort, type GateInput } from "./gate-evidence";
import type { AppPorts } from "./ports";
import { recordDecision, type GateResult } from "./record-decision";

const ENGINE = "system:engine";

/**
 * Has enforcement hurt the wave? Loads the wave's and the control cohort's attempt counters and
 * runs checkHealth (shared/domain/gates/wave-checks.ts), the gate the tests exercise: the wave's
 * failed attempts since enforcement against its own report-only baseline and against the control
 * cohort over the same hours. Concentrated failures name the users to hold back; a failure the
 * control shares is systemic and blames nobody.
 */
export async function evaluateHealth(deps: AppPorts, input: GateInput): Promise<GateResult> {
  const { store } = deps;
  const facts = await loadRollout(store, input.rolloutId);
  const cohort = waveCohort(facts, await store.users.slots(input.rolloutId), input.waveIndex, "enforced");
  const load = (purpose: "observe" | "bake", group: "wave" | "control") =>
    loadStoredWindow(
      store,
      input.rolloutId,
      windowKey(input.waveIndex, purpose, group, purpose === "bake" ? input.segment : 0),
      null,
    );
  // Four independent reads of stored documents: nothing in one decides another.
  const [bake, observe, controlBake, controlObserve] = await Promise.all([
    load("bake", "wave"),
    load("observe", "wave"),
    load("bake", "control"),
    load("observe", "control"),
  ]);
  const result = checkHealth({
    waveUserIds: cohort.judged,
    heldBackUserIds: cohort.heldBack,
    current: bake.counters,
    baseline: observe.counters,
    control: { current: controlBake.counters, baseline: controlObserve.counters },
    gates: cohort.gates,
    state: { bakeComplete: input.bakeComplete ?? false, ...cohortState(cohort, input.extensions) },
  });
  // The same read fed the watch windows of the waves before this one: the watch looks at them
  // in this activity, so a bake's history holds no extra step for it.
  if (input.waveIndex > 0) {
    await evaluateWatch(deps, {
      rolloutId: input.rolloutId,
      at: input.at,
      throughWave: input.waveIndex,
      actor: ENGINE,
    });
  }
  return recordDecision(deps, {
    rolloutId: input.rolloutId,
    waveIndex: input.waveIndex,
    gate: "health",
    at: input.at,
    extensions: input.extensions,
    verdict: result.health.verdict,
    ...healthFindings(result, bake.coverage),
    outcome: result.decision,
    gates: cohort.gates,
  });
}
