import { validatePlan, waveGates, type GateThresholds, type Plan } from "../domain";
import type { RolloutRecord, UserRecord, UserStage } from "./records";
import type { StatusStore } from "./status-store";

/** The rollout row with its plan parsed again: the stored plan was validated at start. */
export interface RolloutFacts {
  record: RolloutRecord;
  plan: Plan;
}

export async function loadRollout(store: StatusStore, rolloutId: string): Promise<RolloutFacts> {
  const record = await store.rollouts.get(rolloutId);
  const validation = validatePlan(record.plan);
  if (!validation.ok) {
    const first = validation.errors[0];
    throw new Error(
      `stored plan of rollout ${rolloutId} no longer validates: ${first?.path} ${first?.message}`,
    );
  }
  return { record, plan: validation.plan };
}

export function gatesOf(facts: RolloutFacts, waveIndex: number): GateThresholds {
  return waveGates(facts.plan, waveIndex);
}

export function requireId(value: string | undefined, what: string, rolloutId: string): string {
  if (!value) throw new Error(`rollout ${rolloutId} has no ${what}: setup has not completed`);
  return value;
}

/** User ids of one wave (or every wave, index -1) in the given stages, read page by page. */
export async function userIdsWhere(
  store: StatusStore,
  rolloutId: string,
  query: { waveIndex?: number; stage?: UserStage | readonly UserStage[] },
): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of store.users.iteratePages(rolloutId, query)) ids.push(...page.map((u) => u.userId));
  return ids;
}

export async function usersWhere(
  store: StatusStore,
  rolloutId: string,
  query: { waveIndex?: number; stage?: UserStage | readonly UserStage[] },
): Promise<UserRecord[]> {
  const users: UserRecord[] = [];
  for await (const page of store.users.iteratePages(rolloutId, query)) users.push(...page);
  return users;
}

/** Keeps the rollout row's per-stage counts in step with the users table after a change. */
export async function refreshCounts(store: StatusStore, rolloutId: string): Promise<void> {
  const counts = await store.users.countByStage(rolloutId);
  await store.rollouts.update(rolloutId, () => ({ counts }));
}

export async function refreshWaveCounts(
  store: StatusStore,
  rolloutId: string,
  waveIndex: number,
): Promise<void> {
  const counts = await store.users.countByStage(rolloutId, { waveIndex });
  await store.waves.update(rolloutId, waveIndex, () => ({
    enforced: counts.enforced,
    heldBack: counts.heldBack,
    excluded: counts.excluded,
  }));
}
