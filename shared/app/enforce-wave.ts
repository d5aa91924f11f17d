import { movedUser } from "../store";
import { enforcedGroupOf, type WaveStep, type WaveStepDeps } from "./wave-step";
import { usersWhere } from "../store/rollout-facts";
import { refreshAndAudit } from "./wave-audit";

/**
 * The change itself: the wave's ready users join the enforced group, 400 to an HTTP call. The
 * membership is written before the table, so a crash in between re-adds (harmless) rather than
 * leaving a user marked enforced who is not.
 */
export async function enforceWave(
  { store, graph }: WaveStepDeps,
  input: WaveStep,
): Promise<{ enforced: number; requests: number }> {
  const groupId = await enforcedGroupOf(store, input.rolloutId);
  const ready = await usersWhere(store, input.rolloutId, { waveIndex: input.waveIndex, stage: "reportOnly" });
  const users = ready.map((u) => u.userId);
  const result = await graph.addMembers(groupId, users);
  const missing = new Set(result.notFound);
  await store.users.moveMany(
    input.rolloutId,
    ready.map((user) => ({
      from: user,
      to: missing.has(user.userId)
        ? movedUser({ user, reason: "user no longer exists in the directory" }, "heldBack")
        : movedUser({ user }, "enforced"),
    })),
  );
  await store.waves.update(input.rolloutId, input.waveIndex, () => ({
    phase: "bake",
    bakeStartedAt: input.at,
  }));
  await refreshAndAudit(store, input, {
    action: "wave:enforce",
    details: { enforced: users.length - missing.size, notFound: [...missing], requests: result.requests },
    idempotencyKey: `w${input.waveIndex}-enforce`,
  });
  return { enforced: users.length - missing.size, requests: result.requests };
}
