import { enforcedGroupOf, type WaveStep, type WaveStepDeps } from "./wave-step";
import { userIdsWhere } from "../store/rollout-facts";

/**
 * Takes the wave's held-back users out of the enforced group: back under report-only, still
 * observed, never unprotected. Removing a non-member is success, so this can run any number of times.
 */
export async function releaseHeldBack(
  { store, graph }: WaveStepDeps,
  input: WaveStep,
): Promise<{ removed: number }> {
  const groupId = await enforcedGroupOf(store, input.rolloutId);
  const users = await userIdsWhere(store, input.rolloutId, { waveIndex: input.waveIndex, stage: "heldBack" });
  if (users.length === 0) return { removed: 0 };
  await graph.removeMembers(groupId, users);
  await store.audit.append(input.rolloutId, {
    at: input.at,
    actor: input.actor,
    action: "wave:release-held-back",
    waveIndex: input.waveIndex,
    details: { users },
    idempotencyKey: `w${input.waveIndex}-release-${Date.parse(input.at)}`,
  });
  return { removed: users.length };
}
