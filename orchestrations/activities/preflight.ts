import * as df from "durable-functions";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type PreflightResult } from "../activity-contracts";
import { loadRollout } from "./rollout-facts";

/**
 * Refuses to start when a break-glass account is missing or disabled: excluding an account that
 * does not exist would leave the tenant with no way in if the policy locks everyone out.
 */
export async function preflight(input: { rolloutId: string }): Promise<PreflightResult> {
  const { store, graph } = await dependencies();
  const { plan } = await loadRollout(store, input.rolloutId);
  const problems: string[] = [];
  const { found, missing } = await graph.getUsers(plan.breakGlass);
  for (const id of missing) problems.push(`break-glass account ${id} does not exist`);
  for (const user of found) {
    if (user.accountEnabled === false)
      problems.push(`break-glass account ${user.userPrincipalName ?? user.id} is disabled`);
  }
  await store.audit.append(input.rolloutId, {
    actor: "system:preflight",
    action: "preflight",
    details: { ok: problems.length === 0, problems },
    idempotencyKey: "preflight",
  });
  return { ok: problems.length === 0, problems };
}

df.app.activity(Activities.preflight, { handler: (input: { rolloutId: string }) => preflight(input) });
