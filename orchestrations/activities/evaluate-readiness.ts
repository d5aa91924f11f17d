import * as df from "durable-functions";
import { decide, evaluateReadiness as readinessGate } from "../../shared/domain";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type GateInput, type GateResult } from "../activity-contracts";
import { loadWindow, windowKey } from "./counter-windows";
import { recordDecision } from "./record-decision";
import { readRegistration } from "../../shared/services/tenant-reads";
import { gatesOf, loadRollout } from "./rollout-facts";
import { waveUsers } from "./wave-users";

/** Would enforcement lock anyone out? Users at risk are held back before the change, not after. */
export async function evaluateReadiness(input: GateInput): Promise<GateResult> {
  const { store, graph } = await dependencies();
  const facts = await loadRollout(store, input.rolloutId);
  const gates = gatesOf(facts, input.waveIndex);
  const slots = await store.users.slots(input.rolloutId);
  const candidates = waveUsers(slots, input.waveIndex, "reportOnly");
  const heldBack = waveUsers(slots, input.waveIndex, "heldBack");
  const observed = await loadWindow(
    store,
    input.rolloutId,
    windowKey(input.waveIndex, "observe", "wave"),
    facts.record.reportOnlyPolicyId ?? null,
  );
  const registration = await readRegistration(graph, candidates);
  const result = readinessGate({ userIds: candidates, registration, observed, thresholds: gates.readiness });
  const outcome = decide(
    {
      gate: "readiness",
      bakeComplete: false,
      extensions: input.extensions,
      waveSize: candidates.length + heldBack.length,
      heldBack: heldBack.length,
    },
    { readiness: result },
    { maxExtensions: gates.health.maxExtensions, maxHeldBackShare: gates.shrink.maxHeldBackShare },
  );
  return recordDecision(store, graph, {
    rolloutId: input.rolloutId,
    waveIndex: input.waveIndex,
    gate: "readiness",
    at: input.at,
    verdict: result.verdict,
    reasons: result.reasons,
    metrics: { ...result.metrics },
    outcome,
    gates,
  });
}

df.app.activity(Activities.evaluateReadiness, { handler: (input: GateInput) => evaluateReadiness(input) });
