import {
  ATTEMPT_WINDOW,
  createCounters,
  evaluateReadiness,
  isoDurationMs,
  pickUsers,
  waveGates,
  type Plan,
  type ReadinessMetrics,
  type Verdict,
} from "../domain";
import { createUsersFold } from "../ingest";
import type { GraphGateway } from "../graph";
import { outsideWaves, readCoverage, type OutsideWaves } from "./coverage";
import type { AppPorts } from "./ports";
import { readRegistration } from "./tenant-reads";

export interface WavePreview {
  name: string;
  users: number;
  verdict: Verdict;
  reasons: string[];
  metrics: ReadinessMetrics;
  wouldHoldBack: { userId: string; reason: string }[];
}

export interface PlanPreview {
  rolloutId: string;
  evidencePolicyId: string | null;
  window: { from: string; to: string };
  populationSize: number;
  unassigned: number;
  /** Service accounts and the users no wave selects, and what the plan does with them. */
  outsideWaves: OutsideWaves;
  waves: WavePreview[];
}

/**
 * What-if: the readiness gate of every wave against today's registration state and, when a
 * report-only policy already exists (a copied one, or this rollout's own), its recent results.
 * Reads only; creates and changes nothing in the tenant or the tables.
 */
export async function previewPlan(
  graph: GraphGateway,
  plan: Plan,
  now: Date,
  evidencePolicyId: string | null,
): Promise<PlanPreview> {
  const coverage = await readCoverage(graph, plan, now.toISOString());
  const { population, assignment } = coverage;

  const longest = Math.max(...plan.waves.map((w) => isoDurationMs(w.observeFor)));
  const from = new Date(now.getTime() - longest);
  const observed = createCounters(evidencePolicyId);
  if (evidencePolicyId && population.length > 0) {
    // Attempts that began in the last ATTEMPT_WINDOW may not have ended yet: they are left out.
    const fold = createUsersFold(observed, population, {
      from: from.getTime(),
      until: now.getTime() - isoDurationMs(ATTEMPT_WINDOW),
    });
    await graph.streamSignIns({ from, to: now, userIds: new Set(population), onPage: fold.addPage });
    fold.finish();
  }
  const registration = await readRegistration(graph, population);

  const waves = assignment.waves.map((wave): WavePreview => {
    const result = evaluateReadiness({
      userIds: wave.userIds,
      registration,
      observed: pickUsers(observed, wave.userIds),
      thresholds: waveGates(plan, wave.index).readiness,
    });
    return {
      name: wave.name,
      users: wave.userIds.length,
      verdict: result.verdict,
      reasons: result.reasons,
      metrics: result.metrics,
      wouldHoldBack: result.holdBack,
    };
  });
  return {
    rolloutId: plan.rolloutId,
    evidencePolicyId,
    window: { from: from.toISOString(), to: now.toISOString() },
    populationSize: population.length,
    unassigned: assignment.unassigned.length,
    outsideWaves: outsideWaves(coverage, plan.remainder),
    waves,
  };
}

/**
 * The preview an admin asks for: the evidence comes from the rollout's own report-only policy when
 * the plan's rollout already exists, else from the policy the plan copies, if any.
 */
export async function previewForRollout(
  { store, graph, clock }: Pick<AppPorts, "store" | "graph" | "clock">,
  plan: Plan,
): Promise<PlanPreview> {
  const existing = await store.rollouts.find(plan.rolloutId);
  const evidence =
    existing?.reportOnlyPolicyId ?? ("copyFrom" in plan.policy ? (plan.policy.copyFrom ?? null) : null);
  return previewPlan(graph, plan, clock.now(), evidence);
}
