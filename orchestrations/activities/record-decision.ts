import { addIsoDuration, type DecisionOutcome, type GateThresholds, type Verdict } from "../../shared/domain";
import type { GraphGateway } from "../../shared/graph";
import type { StatusStore } from "../../shared/store";
import type { GateResult } from "../activity-contracts";
import { refreshCounts, refreshWaveCounts } from "./rollout-facts";

export interface DecisionRecord {
  rolloutId: string;
  waveIndex: number;
  gate: "readiness" | "health";
  at: string;
  verdict: Verdict;
  reasons: string[];
  metrics: Record<string, unknown>;
  outcome: DecisionOutcome;
  gates: GateThresholds;
}

/**
 * Writes what a gate saw and decided: the gate row (metrics an operator can read), the users held
 * back with their reason and retry date, the wave's last decision, and an audit row. Every write
 * is keyed by wave, gate and time, so a retried activity repeats them harmlessly.
 */
export async function recordDecision(
  store: StatusStore,
  graph: GraphGateway,
  record: DecisionRecord,
): Promise<GateResult> {
  const { rolloutId, waveIndex, at, outcome } = record;
  await store.gates.record({
    rolloutId,
    waveIndex,
    gate: record.gate,
    evaluatedAt: at,
    verdict: record.verdict,
    decision: outcome.decision,
    reasons: [outcome.reason, ...record.reasons],
    metrics: record.metrics,
  });
  if (outcome.decision === "shrink" && outcome.holdBack.length > 0) {
    const retryAt = addIsoDuration(at, record.gates.shrink.retryAfter);
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
        retryAt,
        retries: 0,
      })),
    );
  }
  await store.waves.update(rolloutId, waveIndex, () => ({
    phase: record.gate === "readiness" ? "readinessGate" : "bake",
    lastDecision: { decision: outcome.decision, at, reason: outcome.reason },
  }));
  await refreshWaveCounts(store, rolloutId, waveIndex);
  await refreshCounts(store, rolloutId);
  await store.audit.append(rolloutId, {
    at,
    actor: `system:${record.gate}-gate`,
    action: `decision:${outcome.decision}`,
    waveIndex,
    details: {
      verdict: record.verdict,
      reason: outcome.reason,
      heldBack: outcome.holdBack.map((h) => ({ userId: h.userId, reason: h.reason })),
    },
    idempotencyKey: `w${waveIndex}-${record.gate}-${Date.parse(at)}`,
  });
  const remaining = await store.users.countByStage(rolloutId, { waveIndex });
  return {
    verdict: record.verdict,
    decision: outcome.decision,
    reason: outcome.reason,
    heldBack: outcome.decision === "shrink" ? outcome.holdBack.length : 0,
    remaining: remaining.reportOnly + remaining.enforced,
  };
}
