import { checkReadiness } from "../../shared/domain";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type GateInput, type GateResult } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";
import { completeness, loadStoredWindow, windowKey } from "../../shared/store/counter-windows";
import { recordDecision } from "./record-decision";
import { readRegistration } from "../../shared/app/tenant-reads";
import { gatesOf, loadRollout } from "../../shared/store/rollout-facts";
import { waveUsers } from "./wave-users";

/**
 * Would enforcement lock anyone out? Runs checkReadiness (shared/domain/gates/wave-checks.ts), the
 * gate the tests exercise, over the wave's observed attempts and registration state. Users at
 * risk are held back before the change, not after.
 */
export async function evaluateReadiness(input: GateInput): Promise<GateResult> {
  const { store, graph } = await dependencies();
  const facts = await loadRollout(store, input.rolloutId);
  const gates = gatesOf(facts, input.waveIndex);
  const slots = await store.users.slots(input.rolloutId);
  const candidates = waveUsers(slots, input.waveIndex, "reportOnly");
  const heldBack = waveUsers(slots, input.waveIndex, "heldBack");
  const observed = await loadStoredWindow(
    store,
    input.rolloutId,
    windowKey(input.waveIndex, "observe", "wave"),
    facts.record.reportOnlyPolicyId ?? null,
  );
  const registration = await readRegistration(graph, candidates);
  const { readiness, decision } = checkReadiness({
    userIds: candidates,
    registration,
    observed: observed.counters,
    gates,
    state: {
      extensions: input.extensions,
      waveSize: candidates.length + heldBack.length,
      heldBack: heldBack.length,
    },
  });
  return recordDecision(store, graph, {
    rolloutId: input.rolloutId,
    waveIndex: input.waveIndex,
    gate: "readiness",
    at: input.at,
    verdict: readiness.verdict,
    reasons: [...readiness.reasons, completeness(observed.coverage)],
    metrics: {
      ...readiness.metrics,
      evidenceUntil: observed.coverage ? new Date(observed.coverage.until).toISOString() : null,
    },
    outcome: decision,
    gates,
  });
}

registerActivity(Activities.evaluateReadiness, evaluateReadiness);
