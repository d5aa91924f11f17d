import { normalizeId } from "../plan/guid";

export interface RolloutPopulation {
  rolloutId: string;
  userIds: readonly string[];
}

export interface Overlap {
  /** Distinct users of the candidate population that some other rollout also holds. */
  users: number;
  /** Per other rollout, how many of the candidate's users it holds; rollouts sharing none are left out. */
  rollouts: { rolloutId: string; users: number }[];
}

/** Which of `candidate`'s users other rollouts already hold (ids compared case-insensitively). */
export function populationOverlap(
  candidate: readonly string[],
  others: readonly RolloutPopulation[],
): Overlap {
  const wanted = new Set(candidate.map(normalizeId));
  const shared = new Set<string>();
  const rollouts: Overlap["rollouts"] = [];
  for (const other of others) {
    const common = new Set(other.userIds.map(normalizeId).filter((id) => wanted.has(id)));
    if (common.size === 0) continue;
    common.forEach((id) => shared.add(id));
    rollouts.push({ rolloutId: other.rolloutId, users: common.size });
  }
  rollouts.sort((a, b) => b.users - a.users || a.rolloutId.localeCompare(b.rolloutId));
  return { users: shared.size, rollouts };
}

/** "12 user(s) of this population are also in active rollout(s) payroll-mfa (10), hr-mfa (2)". */
export function describeOverlap(overlap: Overlap): string {
  const list = overlap.rollouts.map((r) => `${r.rolloutId} (${r.users})`).join(", ");
  return `${overlap.users} user(s) of this population are also in active rollout(s) ${list}`;
}
