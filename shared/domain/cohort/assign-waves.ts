import { normalizeId } from "../plan/guid";
import type { Plan } from "../plan/validate-plan";
import { selectCohort, type CohortSkipped } from "./select-cohort";

export type GroupMembers = Readonly<Record<string, readonly string[]>>;

/**
 * Everyone the rollout covers: members of the population groups plus the listed users, minus
 * the break-glass accounts. Sorted, lowercase, unique. Throws when a group was not resolved,
 * because silently treating it as empty would shrink the rollout without anyone noticing.
 */
export function resolvePopulation(
  plan: Pick<Plan, "population" | "breakGlass">,
  groupMembers: GroupMembers,
): string[] {
  const breakGlass = new Set(plan.breakGlass.map(normalizeId));
  const ids = new Set<string>();
  for (const groupId of plan.population.groupIds ?? []) {
    for (const id of membersOf(groupMembers, groupId)) ids.add(normalizeId(id));
  }
  for (const id of plan.population.userIds ?? []) ids.add(normalizeId(id));
  return [...ids].filter((id) => !breakGlass.has(id)).sort();
}

export interface WaveAssignment {
  index: number;
  name: string;
  userIds: string[];
  skipped: CohortSkipped;
}

export interface Assignment {
  waves: WaveAssignment[];
  /** Population users no wave selected: they stay under report-only when the rollout ends. */
  unassigned: string[];
}

/** Assigns every wave in plan order; each wave only sees the users earlier waves left. */
export function assignWaves(
  plan: Pick<Plan, "rolloutId" | "breakGlass" | "waves">,
  populationIds: readonly string[],
  groupMembers: GroupMembers,
): Assignment {
  const assigned = new Set<string>();
  const waves = plan.waves.map((wave, index): WaveAssignment => {
    const selection = selectCohort({
      rolloutId: plan.rolloutId,
      populationIds,
      assigned,
      breakGlass: plan.breakGlass,
      select: wave.select,
      groupMembers: "groupId" in wave.select ? membersOf(groupMembers, wave.select.groupId) : undefined,
    });
    for (const id of selection.userIds) assigned.add(id);
    return { index, name: wave.name, ...selection };
  });
  const breakGlass = new Set(plan.breakGlass.map(normalizeId));
  const unassigned = unique(populationIds.map(normalizeId))
    .filter((id) => !assigned.has(id) && !breakGlass.has(id))
    .sort();
  return { waves, unassigned };
}

function membersOf(groupMembers: GroupMembers, groupId: string): readonly string[] {
  const members = groupMembers[groupId] ?? groupMembers[normalizeId(groupId)];
  if (!members) throw new Error(`members of group ${groupId} were not resolved`);
  return members;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
