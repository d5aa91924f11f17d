import {
  isFinalStatus,
  populationOverlap,
  ROLLOUT_STATUSES,
  validatePlan,
  type Overlap,
  type Plan,
} from "../domain";
import type { GraphGateway } from "../graph";
import type { RolloutsRepository } from "../store";
import { readPopulation } from "./tenant-reads";

const ACTIVE = ROLLOUT_STATUSES.filter((status) => !isFinalStatus(status));

/**
 * Users of `plan`'s population that another unfinished rollout also covers, both populations read
 * from Graph now (a rollout still in setup has no users rows yet, and groups change). Reads only.
 */
export async function findOverlap(
  graph: GraphGateway,
  rollouts: Pick<RolloutsRepository, "iterate">,
  plan: Plan,
): Promise<Overlap> {
  const others = [];
  for await (const record of rollouts.iterate({ status: [...ACTIVE] })) {
    if (record.id === plan.rolloutId) continue;
    const stored = validatePlan(record.plan);
    if (stored.ok) others.push({ rolloutId: record.id, userIds: await readPopulation(graph, stored.plan) });
  }
  if (others.length === 0) return { users: 0, rollouts: [] };
  return populationOverlap(await readPopulation(graph, plan), others);
}
