import type { SimCounters } from "../graph-sim";
import type { GateRecord, StatusStore, UserStage } from "../../shared/store";
import { readOutsideWaves, type OutsideWavesStatus } from "../../shared/app/outside-waves-status";

export interface DecisionSummary {
  at: string;
  gate: string;
  verdict: string;
  decision: string;
  reason: string;
}

export interface RehearsalSummary {
  rolloutId: string;
  scenario: string;
  status: string;
  virtualDays: number;
  waves: {
    name: string;
    planned: number;
    enforced: number;
    heldBack: number;
    excluded: number;
    decisions: DecisionSummary[];
  }[];
  users: Record<UserStage, number>;
  /** `retryAt`: when the readiness check looks at them again; absent: they wait for an admin. */
  heldBack: {
    userId: string;
    upn: string;
    reason: string;
    retryAt?: string;
    /** When the gate that held the user back decided, and which: readiness, health (the bake) or watch. */
    caught?: { at: string; gate: string };
  }[];
  graph: {
    requests: number;
    writeRequests: number;
    throttled: number;
    signInPagesRead: number;
    /** Requests (throttled ones and $batch items included) per simulator route, busiest first. */
    byKind: Record<string, number>;
  };
  /** Service accounts and users in no wave, with the plan's handling and the evidence. */
  outsideWaves: OutsideWavesStatus;
}

/**
 * The rollout as an operator would tell it: each wave's numbers, the decisions that mattered
 * (not every "still healthy" check), who is held back and why, and what it cost in Graph calls.
 */
export async function buildSummary(input: {
  store: StatusStore;
  rolloutId: string;
  scenario: string;
  startedAt: Date;
  endedAt: Date;
  graph: SimCounters;
}): Promise<RehearsalSummary> {
  const { store, rolloutId } = input;
  const rollout = await store.rollouts.get(rolloutId);
  const waves = await store.waves.list(rolloutId);
  const gates = await store.gates.list(rolloutId, { limit: 10_000 });
  const heldBack = await store.users.list(rolloutId, { stage: "heldBack" }, 10_000);
  const caught = caughtAt(gates);
  return {
    rolloutId,
    scenario: input.scenario,
    status: rollout.status,
    virtualDays: Math.round(((input.endedAt.getTime() - input.startedAt.getTime()) / 86_400_000) * 10) / 10,
    waves: waves.map((wave) => ({
      name: wave.name,
      planned: wave.planned,
      enforced: wave.enforced,
      heldBack: wave.heldBack,
      excluded: wave.excluded,
      decisions: notableDecisions(gates.filter((g) => g.waveIndex === wave.index)),
    })),
    users: { ...rollout.counts },
    heldBack: heldBack.map((u) => ({
      userId: u.userId,
      upn: u.upn,
      reason: u.reason ?? "",
      ...(u.retryAt ? { retryAt: u.retryAt } : {}),
      ...(caught.has(u.userId) ? { caught: caught.get(u.userId) } : {}),
    })),
    outsideWaves: await readOutsideWaves(store, rolloutId),
    graph: {
      requests: input.graph.total,
      writeRequests: input.graph.writes,
      throttled: input.graph.throttled,
      signInPagesRead: input.graph.signInPagesServed,
      byKind: Object.fromEntries(
        Object.entries(input.graph.byEndpoint).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)),
      ),
    },
  };
}

/** Every decision but routine "keep baking" ones; the first and last health checks always count. */
export function notableDecisions(gates: readonly GateRecord[]): DecisionSummary[] {
  const sorted = [...gates].sort((a, b) => (a.evaluatedAt < b.evaluatedAt ? -1 : 1));
  const health = sorted.filter((g) => g.gate === "health");
  const keep = sorted.filter((g, i) => {
    if (g.gate !== "health") return true;
    if (g === health[0] || g === health[health.length - 1]) return true;
    if (g.decision !== "proceed") return true;
    const previous = sorted
      .slice(0, i)
      .reverse()
      .find((p) => p.gate === "health");
    return previous?.verdict !== g.verdict;
  });
  // A run of identical decisions (a long pause re-checked every few hours) reads as one.
  const distinct = keep.filter((g, i) => {
    const previous = keep[i - 1];
    return (
      !previous ||
      previous.gate !== g.gate ||
      previous.decision !== g.decision ||
      previous.verdict !== g.verdict
    );
  });
  return distinct.map((g) => ({
    at: g.evaluatedAt,
    gate: g.gate,
    verdict: g.verdict,
    decision: g.decision ?? "",
    reason: g.reasons[0] ?? "",
  }));
}

/** The last gate that held each user back (a gate row keeps its whole outcome, record-decision.ts). */
export function caughtAt(gates: readonly GateRecord[]): Map<string, { at: string; gate: string }> {
  const caught = new Map<string, { at: string; gate: string }>();
  const sorted = [...gates].sort((a, b) => (a.evaluatedAt < b.evaluatedAt ? -1 : 1));
  for (const gate of sorted) {
    if (gate.decision !== "shrink") continue;
    const outcome = gate.metrics.outcome as { holdBack?: { userId: string }[] } | undefined;
    for (const user of outcome?.holdBack ?? [])
      caught.set(user.userId, { at: gate.evaluatedAt, gate: gate.gate });
  }
  return caught;
}
