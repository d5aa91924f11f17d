import type { Clock } from "../clock";
import type { Placement } from "../domain";
import type { GraphGateway } from "../graph";
import type { StatusStore } from "../store";
import { excludeUser } from "./exclusions";

/**
 * Carries out the plan's decisions for users outside the waves. Exclusions go through the same
 * path as an admin's (excluded group, time-boxed row, `exclusion:add` audit row), so they expire
 * and are listed like any other; report-only placements already carry their reason in the row.
 */
export async function applyPlacements(
  deps: { store: StatusStore; graph: GraphGateway; clock: Clock },
  rolloutId: string,
  placements: readonly Placement[],
  actor: string,
): Promise<void> {
  for (const placement of placements) {
    if (placement.stage !== "excluded" || placement.exclusionExpiresAt === undefined) continue;
    const current = await deps.store.users.find(rolloutId, placement.userId);
    // A re-run of the setup finds the exclusion made: it neither extends nor audits it twice.
    if (current?.stage === "excluded") continue;
    await excludeUser(deps, {
      rolloutId,
      userId: placement.userId,
      reason: placement.reason,
      expiresAt: placement.exclusionExpiresAt,
      by: { actor },
    });
  }
}
