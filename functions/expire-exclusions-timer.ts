import { app, type InvocationContext, type Timer } from "@azure/functions";
import { isClosedStatus } from "#shared/domain";
import { dependencies } from "#shared/runtime";
import { exclusionCheckDue, expireDueExclusions } from "#shared/app";

/** Hourly: exclusions whose time is up end, audited, without anyone having to remember them. */
export async function expireExclusions(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = await dependencies();
  const now = deps.clock.now();
  for (const rollout of await deps.store.rollouts.list({ limit: 1000 })) {
    if (isClosedStatus(rollout.status) || !exclusionCheckDue(rollout, now)) continue;
    const outcome = await expireDueExclusions(deps, rollout.id);
    for (const { userId, error } of outcome.failed) {
      context.error(`could not end the exclusion of ${userId} in ${rollout.id}: ${error}`);
    }
  }
}

app.timer("expire-exclusions", { schedule: "0 5 * * * *", handler: expireExclusions });
