import type { UserSlot, UserStage } from "../store";

/** The ids of one wave's users in one stage, from the users snapshot (no table scan). */
export function waveUsers(
  slots: ReadonlyMap<string, UserSlot>,
  waveIndex: number,
  stage: UserStage,
): string[] {
  const ids: string[] = [];
  for (const [userId, slot] of slots)
    if (slot.waveIndex === waveIndex && slot.stage === stage) ids.push(userId);
  return ids;
}
