import { moveUsers } from "../store";
import { enforcedGroupOf, type WaveStep, type WaveStepDeps } from "./wave-step";
import { usersWhere } from "../store/rollout-facts";
import { refreshAndAudit } from "./wave-audit";

/** This wave only goes back to report-only; earlier waves stay enforced. */
export async function stepBackWave(
  { store, graph }: WaveStepDeps,
  input: WaveStep,
): Promise<{ steppedBack: number }> {
  const groupId = await enforcedGroupOf(store, input.rolloutId);
  const users = await usersWhere(store, input.rolloutId, { waveIndex: input.waveIndex, stage: "enforced" });
  await graph.removeMembers(
    groupId,
    users.map((u) => u.userId),
  );
  await moveUsers(
    store.users,
    input.rolloutId,
    "heldBack",
    users.map((user) => ({ user, reason: "wave stepped back" })),
  );
  await refreshAndAudit(store, input, {
    action: "wave:step-back",
    details: { users: users.length },
    idempotencyKey: `w${input.waveIndex}-step-back`,
  });
  return { steppedBack: users.length };
}
