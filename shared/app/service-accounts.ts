import {
  classifyAccount,
  createUsageFold,
  isoDurationMs,
  mayBeServiceAccount,
  SERVICE_ACCOUNT_LOOKBACK,
  type ServiceAccountVerdict,
} from "../domain";
import type { GraphGateway } from "../graph";
import { readRegistration } from "./tenant-reads";

/**
 * The population's service accounts, from the last SERVICE_ACCOUNT_LOOKBACK of sign-ins and
 * today's registration state. Only the accounts the usage already points at are looked up by
 * name, so a large population costs one sign-in sweep, not a directory read per user.
 */
export async function detectServiceAccounts(
  graph: GraphGateway,
  population: readonly string[],
  now: Date,
): Promise<ServiceAccountVerdict[]> {
  if (population.length === 0) return [];
  const fold = createUsageFold(population, { candidatesOnly: true });
  const from = new Date(now.getTime() - isoDurationMs(SERVICE_ACCOUNT_LOOKBACK));
  await graph.streamSignIns({
    from,
    to: now,
    userIds: new Set(population),
    onPage: (page) => fold.add(page),
  });
  const byUsage = new Set(population.filter((id) => mayBeServiceAccount(fold.profiles.get(id), false)));
  // The whole population's report is still read (the same requests, under the same pacing key);
  // only the few the usage points at are kept.
  const registration = await readRegistration(graph, population, byUsage);
  const hasMethod = (id: string) => {
    const facts = registration[id];
    return facts !== undefined && (facts.isMfaRegistered || (facts.methodsRegistered?.length ?? 0) > 0);
  };
  const candidates = population.filter((id) => byUsage.has(id) && !hasMethod(id));
  if (candidates.length === 0) return [];
  const { found } = await graph.getUsers(candidates);
  const names = new Map(found.map((u) => [u.id.toLowerCase(), u]));
  return candidates
    .map((id) => {
      const user = names.get(id);
      return classifyAccount({
        userId: id,
        ...(user?.userPrincipalName ? { userPrincipalName: user.userPrincipalName } : {}),
        ...(user?.displayName ? { displayName: user.displayName } : {}),
        hasMethod: false,
        usage: fold.profiles.get(id),
      });
    })
    .filter((v) => v.serviceAccount);
}
