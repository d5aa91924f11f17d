import { ATTEMPT_WINDOW, addIsoDuration, createCounters, evaluateReadiness, isoDurationMs } from "../domain";
import { createUsersFold } from "../ingest";
import { movedUser, type UserRecord } from "../store";
import { readRegistration } from "./tenant-reads";
import type { WaveStep, WaveStepDeps } from "./wave-step";
import {
  gatesOf,
  loadRollout,
  refreshCounts,
  refreshWaveCounts,
  requireId,
  usersWhere,
} from "../store/rollout-facts";

export interface RetryHeldBackResult {
  enforced: number;
  stillHeldBack: number;
  /** The earliest retry date among users still held back, if any. */
  nextRetryAt: string | null;
  /** Users still held back with no retry date: they wait for an admin's retry-held-back. */
  awaitingAdmin: number;
}

/** After this many automatic retries a user waits for an admin's retry-held-back. */
export const MAX_AUTOMATIC_RETRIES = 3;

/**
 * Gives held-back users another chance: those whose retry date has come (or all of them, when an
 * admin asks) are checked again like a readiness gate — registered now? report-only sign-ins
 * clean since they were held back? — and the ready ones are enforced. The rest wait again.
 */
export async function retryHeldBack(
  { store, graph }: WaveStepDeps,
  input: WaveStep,
): Promise<RetryHeldBackResult> {
  const facts = await loadRollout(store, input.rolloutId);
  const groupId = requireId(facts.record.enforcedGroupId, "enforced group", input.rolloutId);
  const forced = !input.actor.startsWith("system:");
  const at = Date.parse(input.at);
  const heldBack = await usersWhere(store, input.rolloutId, {
    stage: "heldBack",
    ...(input.waveIndex >= 0 ? { waveIndex: input.waveIndex } : {}),
  });
  const due = heldBack.filter((u) => forced || (u.retryAt !== undefined && Date.parse(u.retryAt) <= at));
  let enforced: UserRecord[] = [];
  let still: UserRecord[] = heldBack.filter((u) => !due.includes(u));

  if (due.length > 0) {
    const gates = gatesOf(facts, Math.max(0, Math.min(...due.map((u) => u.waveIndex))));
    const since = new Date(at - isoDurationMs(gates.shrink.retryAfter));
    const observed = createCounters(facts.record.reportOnlyPolicyId ?? null);
    const fold = createUsersFold(
      observed,
      due.map((u) => u.userId),
      { from: since.getTime(), until: at - isoDurationMs(ATTEMPT_WINDOW) },
    );
    await graph.streamSignIns({
      from: since,
      to: new Date(at),
      userIds: new Set(due.map((u) => u.userId)),
      onPage: fold.addPage,
    });
    fold.finish();
    const registration = await readRegistration(
      graph,
      due.map((u) => u.userId),
    );
    const verdict = evaluateReadiness({
      userIds: due.map((u) => u.userId),
      registration,
      observed,
      thresholds: gates.readiness,
    });
    const atRisk = new Map(verdict.holdBack.map((h) => [h.userId, h.reason]));
    enforced = due.filter((u) => !atRisk.has(u.userId));
    const retryAt = addIsoDuration(input.at, gates.shrink.retryAfter);
    const again = due
      .filter((u) => atRisk.has(u.userId))
      .map((user) => {
        const retries = (user.retries ?? 0) + 1;
        return movedUser(
          {
            user,
            reason: atRisk.get(user.userId) ?? user.reason,
            retries,
            ...(retries < MAX_AUTOMATIC_RETRIES ? { retryAt } : {}),
          },
          "heldBack",
        );
      });
    // A user deleted while held back cannot join the group: they stay held back, named as gone,
    // rather than being marked enforced without being a member.
    const gone = new Set(
      enforced.length > 0
        ? (
            await graph.addMembers(
              groupId,
              enforced.map((u) => u.userId),
            )
          ).notFound
        : [],
    );
    const vanished = enforced
      .filter((u) => gone.has(u.userId))
      .map((user) => movedUser({ user, reason: "user no longer exists in the directory" }, "heldBack"));
    enforced = enforced.filter((u) => !gone.has(u.userId));
    await store.users.upsertMany(input.rolloutId, [
      ...enforced.map((user) => movedUser({ user }, "enforced")),
      ...again,
      ...vanished,
    ]);
    still = [...still, ...[...again, ...vanished].map((u) => ({ ...u, updatedAt: input.at }))];
    for (const waveIndex of new Set(due.map((u) => u.waveIndex))) {
      if (waveIndex >= 0) await refreshWaveCounts(store, input.rolloutId, waveIndex);
    }
    await refreshCounts(store, input.rolloutId);
    await store.audit.append(input.rolloutId, {
      at: input.at,
      actor: input.actor,
      action: "held-back:retry",
      details: {
        enforced: enforced.map((u) => u.userId),
        stillHeldBack: [...again, ...vanished].map((u) => ({ userId: u.userId, reason: u.reason })),
      },
      idempotencyKey: `retry-${input.waveIndex}-${at}`,
    });
  }
  const next = still
    .map((u) => u.retryAt)
    .filter((t): t is string => t !== undefined)
    .sort()[0];
  return {
    enforced: enforced.length,
    stillHeldBack: still.length,
    nextRetryAt: next ?? null,
    awaitingAdmin: still.filter((u) => u.retryAt === undefined).length,
  };
}
