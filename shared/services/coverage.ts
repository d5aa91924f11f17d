import {
  assignWaves,
  decideCoverage,
  resolvePopulation,
  UNCOVERED_SAMPLE,
  uncoveredMessage,
  type Assignment,
  type CoverageDecision,
  type Plan,
} from "../domain";
import type { GraphGateway } from "../graph";
import { readGroupMembers } from "./tenant-reads";

export interface Coverage {
  population: string[];
  assignment: Assignment;
  decision: CoverageDecision;
}

/**
 * The population and the waves' selections as Graph has them now, and where the users outside
 * every wave go. The population is only known from the directory, so this is a start-time check,
 * not part of the plan's schema.
 */
export async function readCoverage(
  graph: GraphGateway,
  plan: Plan,
  at: string,
  placed: ReadonlySet<string> = new Set(),
): Promise<Coverage> {
  const members = await readGroupMembers(graph, [
    ...(plan.population.groupIds ?? []),
    ...plan.waves.flatMap((w) => ("groupId" in w.select ? [w.select.groupId] : [])),
  ]);
  const population = resolvePopulation(plan, members);
  const assignment = assignWaves(plan, population, members);
  const decision = decideCoverage({
    remainder: plan.remainder,
    unassigned: assignment.unassigned,
    placed,
    at,
  });
  return { population, assignment, decision };
}

export interface UncoveredRefusal {
  message: string;
  count: number;
  users: { id: string; userPrincipalName?: string }[];
}

/** The refusal of a plan that leaves users behind, naming a few of them by sign-in name. */
export async function uncoveredRefusal(
  graph: GraphGateway,
  uncovered: readonly string[],
): Promise<UncoveredRefusal> {
  const sample = uncovered.slice(0, UNCOVERED_SAMPLE);
  const { found } = await graph.getUsers(sample);
  const upns = new Map(found.map((u) => [u.id.toLowerCase(), u.userPrincipalName ?? undefined]));
  const users = sample.map((id) => {
    const upn = upns.get(id);
    return upn ? { id, userPrincipalName: upn } : { id };
  });
  return {
    message: uncoveredMessage(
      uncovered.length,
      users.map((u) => u.userPrincipalName ?? u.id),
    ),
    count: uncovered.length,
    users,
  };
}
