import {
  assignWaves,
  decideCoverage,
  resolvePopulation,
  serviceAccountPlacements,
  UNCOVERED_SAMPLE,
  uncoveredMessage,
  type Assignment,
  type CoverageDecision,
  type Plan,
  type RemainderRule,
  type ServiceAccountAction,
  type ServiceAccountVerdict,
} from "../domain";
import type { GraphGateway } from "../graph";
import { detectServiceAccounts } from "./service-accounts";
import { readGroupMembers } from "./tenant-reads";

export interface Coverage {
  population: string[];
  assignment: Assignment;
  /** Where the plan puts the users outside every wave, and its service accounts (as it says). */
  decision: CoverageDecision;
  serviceAccounts: ServiceAccountVerdict[];
  serviceAccountAction: ServiceAccountAction;
  /** Users no wave selects and no service-account rule places: the remainder rule's (or refused). */
  remainderUsers: number;
}

/**
 * The population and the waves' selections as Graph has them now, and where the users outside
 * every wave go. The population is only known from the directory, so this is a start-time check,
 * not part of the plan's schema.
 */
export async function readCoverage(graph: GraphGateway, plan: Plan, at: string): Promise<Coverage> {
  const members = await readGroupMembers(graph, [
    ...(plan.population.groupIds ?? []),
    ...plan.waves.flatMap((w) => ("groupId" in w.select ? [w.select.groupId] : [])),
  ]);
  const population = resolvePopulation(plan, members);
  const assignment = assignWaves(plan, population, members);
  const serviceAccounts = await detectServiceAccounts(graph, population, new Date(at));
  const serviceAccountAction = plan.serviceAccounts ?? "hold";
  const held = serviceAccountPlacements(serviceAccountAction, serviceAccounts, at);
  const placed = new Set(held.map((p) => p.userId));
  const remainder = decideCoverage({
    remainder: plan.remainder,
    unassigned: assignment.unassigned,
    placed,
    at,
  });
  const decision: CoverageDecision = remainder.ok
    ? { ok: true, placements: [...held, ...remainder.placements] }
    : remainder;
  const remainderUsers = remainder.ok ? remainder.placements.length : remainder.uncovered.length;
  return { population, assignment, decision, serviceAccounts, serviceAccountAction, remainderUsers };
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

export interface OutsideWaves {
  serviceAccounts: {
    action: ServiceAccountAction;
    accounts: { userId: string; userPrincipalName: string | null; evidence: string }[];
  };
  remainder: {
    rule: RemainderRule | null;
    /** Users no wave selects and no service-account rule places. */
    users: number;
    /** Without a remainder rule a start is refused for them. */
    refused: boolean;
  };
}

/** The part of a preview, setup audit and report that says who is outside the waves, and why. */
export function outsideWaves(coverage: Coverage, rule: RemainderRule | undefined): OutsideWaves {
  return {
    serviceAccounts: {
      action: coverage.serviceAccountAction,
      accounts: coverage.serviceAccounts.map((a) => ({
        userId: a.userId,
        userPrincipalName: a.userPrincipalName ?? null,
        evidence: a.evidence,
      })),
    },
    remainder: { rule: rule ?? null, users: coverage.remainderUsers, refused: !coverage.decision.ok },
  };
}
