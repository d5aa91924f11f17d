import { checkHealth } from "../../shared/domain";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type GateInput, type GateResult } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";
import { completeness, loadStoredWindow, windowKey } from "../../shared/store/counter-windows";
import { evaluateWatch } from "./evaluate-watch";
import { recordDecision } from "./record-decision";
import { gatesOf, loadRollout } from "../../shared/store/rollout-facts";
import { waveUsers } from "./wave-users";

const ENGINE = "system:engine";

/**
 * Has enforcement hurt the wave? Loads the wave's and the control cohort's attempt counters and
 * runs checkHealth (shared/domain/gates/wave-checks.ts), the gate the tests exercise: the wave's
 * failed attempts since enforcement against its own report-only baseline and against the control
 * cohort over the same hours. Concentrated failures name the users to hold back; a failure the
 * control shares is systemic and blames nobody.
 */
export async function evaluateHealth(input: GateInput): Promise<GateResult> {
  const { store, graph } = await dependencies();
  const facts = await loadRollout(store, input.rolloutId);
  const gates = gatesOf(facts, input.waveIndex);
  const slots = await store.users.slots(input.rolloutId);
  const enforced = waveUsers(slots, input.waveIndex, "enforced");
  const heldBack = waveUsers(slots, input.waveIndex, "heldBack");
  const load = (purpose: "observe" | "bake", cohort: "wave" | "control") =>
    loadStoredWindow(
      store,
      input.rolloutId,
      windowKey(input.waveIndex, purpose, cohort, purpose === "bake" ? input.segment : 0),
      null,
    );
  const bake = await load("bake", "wave");
  const result = checkHealth({
    waveUserIds: enforced,
    heldBackUserIds: heldBack,
    current: bake.counters,
    baseline: (await load("observe", "wave")).counters,
    control: {
      current: (await load("bake", "control")).counters,
      baseline: (await load("observe", "control")).counters,
    },
    gates,
    state: {
      bakeComplete: input.bakeComplete ?? false,
      extensions: input.extensions,
      waveSize: enforced.length + heldBack.length,
      heldBack: heldBack.length,
    },
  });
  const { health, systemic, attribution } = result;
  // The same read fed the watch windows of the waves before this one: the watch looks at them
  // in this activity, so a bake's history holds no extra step for it.
  if (input.waveIndex > 0) {
    await evaluateWatch({
      rolloutId: input.rolloutId,
      at: input.at,
      throughWave: input.waveIndex,
      actor: ENGINE,
    });
  }
  return recordDecision(store, graph, {
    rolloutId: input.rolloutId,
    waveIndex: input.waveIndex,
    gate: "health",
    at: input.at,
    extensions: input.extensions,
    verdict: health.verdict,
    reasons: [...health.reasons, ...(systemic.systemic ? systemic.reasons : []), completeness(bake.coverage)],
    metrics: {
      ...health.metrics,
      systemic: systemic.systemic,
      attribution: attribution.metrics,
      evidenceUntil: bake.coverage ? new Date(bake.coverage.until).toISOString() : null,
    },
    outcome: result.decision,
    gates,
  });
}

registerActivity(Activities.evaluateHealth, evaluateHealth);
