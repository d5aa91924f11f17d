import type { RolloutRecord, StatusStore } from "../store";
import { reincludeUser } from "./exclusions";
import type { Clock } from "../clock";
import type { GraphGateway } from "../graph";

type Deps = { store: StatusStore; graph: GraphGateway; clock: Clock };

/**
 * Whether the hourly check has to read this rollout's exclusions now. Every query of the users
 * table reads the whole table in the emulator, so an
 * hourly scan per rollout added minutes to a long rehearsal; exclusionsDueAt says when one can
 * first be due.
 */
export function exclusionCheckDue(
  rollout: Pick<RolloutRecord, "exclusionsDueAt" | "counts">,
  now: Date,
): boolean {
  if (rollout.exclusionsDueAt !== undefined) return Date.parse(rollout.exclusionsDueAt) <= now.getTime();
  // A row written before the field existed: its counts say whether anyone is out.
  return rollout.counts.excluded > 0;
}

export interface ExpiryOutcome {
  /** Exclusions that could not be ended this time (the next hour tries again). */
  failed: { userId: string; error: string }[];
}

/**
 * Ends every exclusion of the rollout whose time is up (audited as system:expire-exclusions), then
 * moves exclusionsDueAt to the earliest one left. That last write is skipped if the rollout row
 * changed meanwhile (an exclusion may have been added that the scan did not see): the bound then
 * stays due and the next hour looks again.
 */
export async function expireDueExclusions(deps: Deps, rolloutId: string): Promise<ExpiryOutcome> {
  const { store, clock } = deps;
  const now = clock.now();
  const outcome: ExpiryOutcome = { failed: [] };
  for await (const page of store.users.iteratePages(rolloutId, {
    stage: "excluded",
    exclusionExpiresBy: now,
  })) {
    for (const user of page) {
      try {
        await reincludeUser(deps, {
          rolloutId,
          userId: user.userId,
          by: { actor: "system:expire-exclusions" },
          why: `exclusion expired at ${user.exclusionExpiresAt}`,
        });
      } catch (error) {
        outcome.failed.push({ userId: user.userId, error: (error as Error).message });
      }
    }
  }
  const seen = await store.rollouts.get(rolloutId);
  let next: string | undefined;
  for await (const page of store.users.iteratePages(rolloutId, { stage: "excluded" })) {
    for (const user of page) {
      // An exclusion row without an end (never written by this app) is checked every hour.
      const end = user.exclusionExpiresAt ?? now.toISOString();
      if (next === undefined || Date.parse(end) < Date.parse(next)) next = end;
    }
  }
  await store.rollouts.update(rolloutId, (current) =>
    current.etag === seen.etag && current.exclusionsDueAt !== next ? { exclusionsDueAt: next } : undefined,
  );
  return outcome;
}
