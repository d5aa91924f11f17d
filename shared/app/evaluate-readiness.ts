import { checkReadiness } from "../domain";
import { completeness, loadStoredWindow, windowKey } from "../store/counter-windows";
import { loadRollout } from "../store/rollout-facts";
import { cohortState, evidenceUntil, waveCohort, type GateInput } from "./gate-evidence";
import type { AppPorts } from "./ports";
import { recordDecision, type GateResult } from "./record-decision";
import { readRegistration } from "./tenant-reads";

/**
 * Would enforcement lock anyone out? Runs checkReadiness (shared/domain/gates/wave-checks.ts), the
 * gate the tests exercise, over the wave's observed attempts and registration state. Users at
 * risk are held back before the change, not after.
 */
export async function evaluateReadiness(deps: AppPorts, input: GateInput): Promise<GateResult> {
  const { store, graph } = deps;
  const facts = await loadRollout(store, input.rolloutId);
  const cohort = waveCohort(facts, await store.users.slots(input.rolloutId), input.waveIndex, "reportOnly");
  const observed = await loadStoredWindow(
    store,
    input.rolloutId,
    windowKey(input.waveIndex, "observe", "wave"),
    facts.record.reportOnlyPolicyId ?? null,
  );
  const registration = await readRegistration(graph, cohort.judged);
  const { readiness, decision } = checkReadiness({
    userIds: cohort.judged,
    registration,
    observed: observed.counters,
    gates: cohort.gates,
    state: cohortState(cohort, input.extensions),
  });
  return recordDecision(deps, {
    rolloutId: input.rolloutId,
    waveIndex: input.waveIndex,
    gate: "readiness",
    at: input.at,
    verdict: readiness.verdict,
    reasons: [...readiness.reasons, completeness(observed.coverage)],
    metrics: { ...readiness.metrics, evidenceUntil: evidenceUntil(observed.coverage) },
    outcome: decision,
    gates: cohort.gates,
  });
}
