import {
  ATTEMPT_WINDOW,
  assignWaves,
  createCounters,
  createUsersFold,
  evaluateReadiness,
  isoDurationMs,
  pickUsers,
  resolvePopulation,
  waveGates,
  type Plan,
  type ReadinessMetrics,
  type Verdict,
} from "../domain";
import type { GraphGateway } from "../graph";
import { readGroupMembers, readRegistration } from "./tenant-reads";

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
  const groupIds = [
    ...(plan.population.groupIds ?? []),
    ...plan.waves.flatMap((w) => ("groupId" in w.select ? [w.select.groupId] : [])),
  ];
  const members = await readGroupMembers(graph, groupIds);
  const population = resolvePopulation(plan, members);
  const assignment = assignWaves(plan, population, members);

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
    waves,
  };
}
