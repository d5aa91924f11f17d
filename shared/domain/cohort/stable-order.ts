import { createHash } from "node:crypto";

/**
 * A rank for a user inside a rollout that is the same on every run and every machine, but not
 * alphabetical: share and count waves then take a spread of users (not everyone whose id starts
 * with 0) and a different rollout takes a different spread. Math.random would break replay.
 */
export function stableRank(rolloutId: string, userId: string): string {
  return createHash("sha256").update(`${rolloutId}\u0000${userId}`).digest("hex").slice(0, 16);
}

/** The ids in stable pseudo-random order for this rollout (ties, practically impossible, by id). */
export function stableOrder(rolloutId: string, ids: readonly string[]): string[] {
  return ids
    .map((id) => ({ id, rank: stableRank(rolloutId, id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => entry.id);
}
