import {
  addIsoDuration,
  type Decision,
  type DecisionOutcome,
  type GateThresholds,
  type Verdict,
} from "../domain";
import type { StatusStore } from "../store";
import { refreshCounts, refreshWaveCounts } from "../store/rollout-facts";
import { appendWithNotification } from "./notify-event";
import type { AppPorts } from "./ports";
import { recordGateDecision } from "../telemetry/rollout-telemetry";

/** What a gate decided, as the orchestrator acts on it. */
export interface GateResult {
  verdict: Verdict;
  decision: Decision;
  reason: string;
  heldBack: number;
  remaining: number;
}

export interface DecisionRecord {
  rolloutId: string;
  waveIndex: number;
  /** "watch": the bake's check carried on after it (evaluate-watch.ts); the wave's phase stays. */
  gate: "readiness" | "health" | "watch";
  at: string;
  verdict: Verdict;
  reasons: string[];
  metrics: Record<string, unknown>;
  outcome: DecisionOutcome;
  gates: GateThresholds;
  /**
   * Extensions of the bake before this health gate; the gate after an extension runs at its end,
   * so the wave row ends up with them all.
   */
  extensions?: number;
}

/**
 * Writes what a gate saw and decided: the gate row (metrics an operator can read), the users held
 * back with their reason and retry date, the wave's last decision, and an audit row. Every write
 * is keyed by wave, gate and time, so a retried activity repeats them harmlessly.
 */
export async function recordDecision(deps: AppPorts, record: DecisionRecord): Promise<GateResult> {
  const { store, graph } = deps;
  const { rolloutId, waveIndex, at } = record;
  // A re-run of this activity (after a crash or a retry) replays the decision it already made:
  // by now the users it held back are no longer in the wave's evidence, and a fresh decision
  // would skip the release of those users from the enforced group.
  const earlier = await decidedBefore(store, record);
  const outcome = earlier?.outcome ?? record.outcome;
  const verdict = earlier?.verdict ?? record.verdict;
  if (!earlier) {
    await store.gates.record({
      rolloutId,
      waveIndex,
      gate: record.gate,
      evaluatedAt: at,
      verdict,
      decision: outcome.decision,
      reasons: [outcome.reason, ...record.reasons],
      metrics: { ...record.metrics, [OUTCOME_METRIC]: outcome },
    });
    recordGateDecision({ rolloutId, waveIndex, gate: record.gate, decision: outcome.decision });
  }
  if (outcome.decision === "shrink" && outcome.holdBack.length > 0) {
    // Users who failed under enforcement are not retried on a date: report-only data cannot show
    // that their app or phone now copes with MFA, and a blind retry would break them again. An
    // admin's retry-held-back, once the app is fixed, brings them back. Readiness holds (not
    // registered, say) can be re-checked safely, so they keep a retry date.
    const retryAt =
      record.gate === "readiness" ? addIsoDuration(at, record.gates.shrink.retryAfter) : undefined;
    // Operators look for held-back people by name: fetch the few UPNs now.
    const { found } = await graph.getUsers(outcome.holdBack.map((h) => h.userId));
    const existing = new Map(found.map((u) => [u.id, u.userPrincipalName ?? ""]));
    await store.users.upsertMany(
      rolloutId,
      outcome.holdBack.map((h) => ({
        userId: h.userId,
        upn: existing.get(h.userId) ?? "",
        waveIndex,
        stage: "heldBack" as const,
        reason: h.reason,
        ...(retryAt !== undefined ? { retryAt } : {}),
        retries: 0,
      })),
    );
  }
  await store.waves.update(rolloutId, waveIndex, () => ({
    ...(record.gate === "watch" ? {} : { phase: record.gate === "readiness" ? "readinessGate" : "bake" }),
    ...(record.gate === "health" && record.extensions !== undefined ? { extensions: record.extensions } : {}),
    lastDecision: { decision: outcome.decision, at, reason: outcome.reason },
  }));
  await refreshWaveCounts(store, rolloutId, waveIndex);
  await refreshCounts(store, rolloutId);
  const entry = {
    at,
    actor: `system:${record.gate}-gate`,
    action: `decision:${outcome.decision}`,
    waveIndex,
    details: {
      verdict,
      reason: outcome.reason,
      heldBack: outcome.holdBack.map((h) => ({ userId: h.userId, reason: h.reason })),
    },
    idempotencyKey: `w${waveIndex}-${record.gate}-${Date.parse(at)}`,
  };
  if (outcome.decision === "shrink") {
    // The activity's clock (virtual in the rehearsal) schedules the delivery's retries.
    await appendWithNotification(deps, rolloutId, entry, {
      kind: "shrink",
      summary: `${record.gate} gate, wave ${waveIndex + 1}: ${outcome.reason}`,
    });
  } else {
    await store.audit.append(rolloutId, entry);
  }
  const remaining = await store.users.countByStage(rolloutId, { waveIndex });
  return {
    verdict,
    decision: outcome.decision,
    reason: outcome.reason,
    heldBack: outcome.decision === "shrink" ? outcome.holdBack.length : 0,
    remaining: remaining.reportOnly + remaining.enforced,
  };
}

/** The gate row keeps the whole outcome (who was held back and why), so a re-run can replay it. */
const OUTCOME_METRIC = "outcome";

async function decidedBefore(
  store: StatusStore,
  record: DecisionRecord,
): Promise<{ outcome: DecisionOutcome; verdict: Verdict } | undefined> {
  const at = Date.parse(record.at);
  const row = (
    await store.gates.list(record.rolloutId, { waveIndex: record.waveIndex, limit: 100_000 })
  ).find((gate) => gate.gate === record.gate && Date.parse(gate.evaluatedAt) === at);
  const outcome = row?.metrics[OUTCOME_METRIC] as DecisionOutcome | undefined;
  return row && outcome ? { outcome, verdict: row.verdict } : undefined;
}
