import * as df from "durable-functions";
import {
  attributeFailures,
  decide,
  detectSystemic,
  evaluateHealth as healthGate,
  pickUsers,
  summarize,
} from "../../shared/domain";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type GateInput, type GateResult } from "../activity-contracts";
import { loadWindow, windowKey } from "./counter-windows";
import { recordDecision } from "./record-decision";
import { gatesOf, loadRollout } from "./rollout-facts";
import { waveUsers } from "./wave-users";

/**
 * Has enforcement hurt the wave? Its users' failure rate since enforcement against their own
 * report-only baseline and against the control cohort over the same hours. Concentrated failures
 * name the users to hold back; a failure the control shares is systemic and blames nobody.
 */
export async function evaluateHealth(input: GateInput): Promise<GateResult> {
  const { store, graph } = await dependencies();
  const facts = await loadRollout(store, input.rolloutId);
  const gates = gatesOf(facts, input.waveIndex);
  const slots = await store.users.slots(input.rolloutId);
  const enforced = waveUsers(slots, input.waveIndex, "enforced");
  const heldBack = waveUsers(slots, input.waveIndex, "heldBack");
  const load = (purpose: "observe" | "bake", cohort: "wave" | "control") =>
    loadWindow(
      store,
      input.rolloutId,
      windowKey(input.waveIndex, purpose, cohort, purpose === "bake" ? input.segment : 0),
      null,
    );
  const current = pickUsers(await load("bake", "wave"), enforced);
  const baseline = pickUsers(await load("observe", "wave"), enforced);
  const control = {
    current: summarize(await load("bake", "control")),
    baseline: summarize(await load("observe", "control")),
  };
  const wave = { current: summarize(current), baseline: summarize(baseline) };
  const bakeComplete = input.bakeComplete ?? false;

  const health = healthGate({ wave, control, thresholds: gates.health, bakeComplete });
  const systemic = detectSystemic({ wave, control, confidence: gates.health.confidence });
  const attribution = attributeFailures({ wave: current, expectedRate: health.metrics.baseline.rate });
  const outcome = decide(
    {
      gate: "health",
      bakeComplete,
      extensions: input.extensions,
      waveSize: enforced.length + heldBack.length,
      heldBack: heldBack.length,
    },
    { health, systemic, attribution },
    { maxExtensions: gates.health.maxExtensions, maxHeldBackShare: gates.shrink.maxHeldBackShare },
  );
  return recordDecision(store, graph, {
    rolloutId: input.rolloutId,
    waveIndex: input.waveIndex,
    gate: "health",
    at: input.at,
    verdict: health.verdict,
    reasons: [...health.reasons, ...(systemic.systemic ? systemic.reasons : [])],
    metrics: { ...health.metrics, systemic: systemic.systemic, attribution: attribution.metrics },
    outcome,
    gates,
  });
}

df.app.activity(Activities.evaluateHealth, { handler: (input: GateInput) => evaluateHealth(input) });
