import { app, type InvocationContext, type Timer } from "@azure/functions";
import { dependencies } from "../shared/runtime/dependencies";
import { reincludeUser } from "../shared/services/exclusions";

const FINAL = new Set(["aborted", "failed"]);

/** Hourly: exclusions whose time is up end, audited, without anyone having to remember them. */
export async function expireExclusions(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = await dependencies();
  const now = deps.clock.now();
  for (const rollout of await deps.store.rollouts.list({ limit: 1000 })) {
    if (FINAL.has(rollout.status)) continue;
    const expired = await deps.store.users.list(
      rollout.id,
      { stage: "excluded", exclusionExpiresBy: now },
      5000,
    );
    for (const user of expired) {
      try {
        await reincludeUser(deps, {
          rolloutId: rollout.id,
          userId: user.userId,
          by: { actor: "system:expire-exclusions" },
          why: `exclusion expired at ${user.exclusionExpiresAt}`,
        });
      } catch (error) {
        context.error(
          `could not end the exclusion of ${user.userId} in ${rollout.id}: ${(error as Error).message}`,
        );
      }
    }
  }
}

app.timer("expire-exclusions", { schedule: "0 5 * * * *", handler: expireExclusions });
