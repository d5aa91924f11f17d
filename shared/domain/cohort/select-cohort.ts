import { normalizeId } from "../plan/guid";
import type { WaveSelect } from "../plan/plan-schema";
import { stableOrder } from "./stable-order";

export interface CohortRequest {
  rolloutId: string;
  /** Everyone the rollout covers (resolvePopulation); any order, any case. */
  populationIds: readonly string[];
  /** Users already in earlier waves. */
  assigned: ReadonlySet<string> | readonly string[];
  breakGlass: readonly string[];
  select: WaveSelect;
  /** For `{ groupId }`: the group's (transitive) user members, resolved by the caller. */
  groupMembers?: readonly string[];
}

/** Why selected ids were left out, as counts (lists would grow with the population). */
export interface CohortSkipped {
  breakGlass: number;
  earlierWave: number;
  outsidePopulation: number;
}

export interface CohortSelection {
  /** Sorted, lowercase, unique. */
  userIds: string[];
  skipped: CohortSkipped;
}

/**
 * The users of one wave. Deterministic: the same inputs give the same users on every replay.
 * Never returns a break-glass account, a user of an earlier wave, or anyone outside the
 * population (the report-only policy must already cover a user before enforcement).
 */
export function selectCohort(request: CohortRequest): CohortSelection {
  const population = new Set(request.populationIds.map(normalizeId));
  const assigned = new Set([...request.assigned].map(normalizeId));
  const breakGlass = new Set(request.breakGlass.map(normalizeId));
  const skipped: CohortSkipped = { breakGlass: 0, earlierWave: 0, outsidePopulation: 0 };

  const eligible = (id: string): boolean => {
    if (breakGlass.has(id)) skipped.breakGlass += 1;
    else if (assigned.has(id)) skipped.earlierWave += 1;
    else if (!population.has(id)) skipped.outsidePopulation += 1;
    else return true;
    return false;
  };

  const { select } = request;
  let chosen: string[];
  if ("groupId" in select || "userIds" in select) {
    const named = "userIds" in select ? select.userIds : requireMembers(request, select.groupId);
    chosen = unique(named.map(normalizeId)).filter(eligible);
  } else {
    // Shares and counts draw from the remaining population only; skips there are not news.
    const remaining = [...population].filter((id) => !breakGlass.has(id) && !assigned.has(id));
    const take =
      "share" in select
        ? shareSize(select.share, remaining.length)
        : Math.min(select.count, remaining.length);
    chosen = stableOrder(request.rolloutId, remaining.sort()).slice(0, take);
  }
  return { userIds: chosen.sort(), skipped };
}

/** Rounds up so that a positive share of a non-empty remainder is never an empty wave. */
export function shareSize(share: number, remaining: number): number {
  if (share >= 1) return remaining;
  // The epsilon absorbs floating error: 0.3 * 10 is 3.0000000000000004, which must stay 3.
  return Math.max(0, Math.min(remaining, Math.ceil(share * remaining - 1e-9)));
}

function requireMembers(request: CohortRequest, groupId: string): readonly string[] {
  if (!request.groupMembers) throw new Error(`members of group ${groupId} were not resolved for this wave`);
  return request.groupMembers;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
