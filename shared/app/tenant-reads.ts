import { resolvePopulation, type GroupMembers, type Plan, type RegistrationFacts } from "../domain";
import type { GraphGateway } from "../graph";

/** Members of each group, read page by page; groups named twice are read once. */
export async function readGroupMembers(
  graph: GraphGateway,
  groupIds: readonly string[],
): Promise<GroupMembers> {
  const members: Record<string, string[]> = {};
  for (const groupId of new Set(groupIds)) {
    const ids: string[] = [];
    await graph.listGroupMemberIds(groupId, (page) => {
      ids.push(...page);
    });
    members[groupId] = ids;
  }
  return members;
}

/**
 * Registration details of the given users; users Graph does not report stay absent (not
 * registered). With `keep`, the report is read for `userIds` as without it but only the facts of
 * `keep`'s users are held.
 */
export async function readRegistration(
  graph: GraphGateway,
  userIds: readonly string[],
  keep?: ReadonlySet<string>,
): Promise<Record<string, RegistrationFacts>> {
  const wanted = new Set(userIds);
  const facts: Record<string, RegistrationFacts> = {};
  await graph.streamRegistrationDetails({
    userIds: wanted,
    onPage: (page) => {
      for (const detail of page) {
        if (detail.id && wanted.has(detail.id) && (!keep || keep.has(detail.id))) {
          facts[detail.id] = {
            isMfaRegistered: detail.isMfaRegistered ?? false,
            isMfaCapable: detail.isMfaCapable ?? false,
            methodsRegistered: detail.methodsRegistered ?? [],
          };
        }
      }
    },
  });
  return facts;
}

/** The plan's population as Graph holds it now: its groups' members and named users, no break-glass. */
export async function readPopulation(
  graph: GraphGateway,
  plan: Pick<Plan, "population" | "breakGlass">,
): Promise<string[]> {
  return resolvePopulation(plan, await readGroupMembers(graph, plan.population.groupIds ?? []));
}
