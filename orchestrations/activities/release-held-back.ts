import { dependencies } from "../../shared/runtime/dependencies";
import { Activities, type WaveStepInput } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";
import { loadRollout, requireId, userIdsWhere } from "../../shared/store/rollout-facts";

/**
 * Takes the wave's held-back users out of the enforced group: back under report-only, still
 * observed, never unprotected. Removing a non-member is success, so this can run any number of times.
 */
export async function releaseHeldBack(input: WaveStepInput): Promise<{ removed: number }> {
  const { store, graph } = await dependencies();
  const { record } = await loadRollout(store, input.rolloutId);
  const groupId = requireId(record.enforcedGroupId, "enforced group", input.rolloutId);
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

registerActivity(Activities.releaseHeldBack, releaseHeldBack);
