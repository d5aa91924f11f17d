import { redactString } from "../auth/redact";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import type { Clock } from "../clock";
import { normalizeId, validatePlan, type UserStage } from "../domain";
import type { GraphGateway } from "../graph";
import type { AuditActor, RolloutRecord, StatusStore, UserInput, UserRecord } from "../store";
// The same count refresh the engine's activities use, so both keep the rows alike.
import { refreshCounts, refreshWaveCounts } from "../store/rollout-facts";

export interface ExclusionRequest {
  rolloutId: string;
  userId: string;
  reason: string;
  expiresAt: string;
  /** Who asks: an admin (with object id and name) or a system component. */
  by: AuditActor;
}

/** Exclusions are time-boxed: a forgotten one must not keep a user out of MFA for ever. */
export const MAX_EXCLUSION_DAYS = 90;

type Deps = { store: StatusStore; graph: GraphGateway; clock: Clock };

/**
 * Excludes one population user from both policies through the excluded group. The group write
 * comes first: if the table write fails, a retry finds the user already in the group (success).
 */
export async function excludeUser(deps: Deps, input: ExclusionRequest): Promise<UserRecord> {
  const { store, graph, clock } = deps;
  // Users are keyed by lower-case object id; an admin may paste one in capitals from the portal.
  const request = { ...input, userId: normalizeId(input.userId) };
  const expires = Date.parse(request.expiresAt);
  const now = clock.now().getTime();
  if (!Number.isFinite(expires) || expires <= now) {
    throw new InvalidInputError("invalid_expiry", "expiresAt must be an ISO 8601 time in the future");
  }
  if (expires - now > MAX_EXCLUSION_DAYS * 86_400_000) {
    throw new InvalidInputError("invalid_expiry", `an exclusion may last at most ${MAX_EXCLUSION_DAYS} days`);
  }
  const rollout = await store.rollouts.get(request.rolloutId);
  if (isBreakGlass(rollout, request.userId)) {
    // Break-glass accounts sit outside both policies by construction; an exclusion would only
    // add an expiry that later "re-includes" an account that must never be included.
    throw new ConflictError(
      "break_glass",
      `user ${request.userId} is a break-glass account of rollout ${request.rolloutId}: both policies always exclude it, so there is nothing to exclude`,
    );
  }
  if (!rollout.excludedGroupId) {
    throw new ConflictError("not_set_up", "the rollout has not finished its setup yet; try again shortly");
  }
  const user = await store.users.find(request.rolloutId, request.userId);
  if (!user) {
    throw new NotFoundError(
      "unknown_user",
      `user ${request.userId} is not in the population of rollout ${request.rolloutId}`,
    );
  }
  const result = await graph.addMembers(rollout.excludedGroupId, [request.userId]);
  if (result.notFound.length > 0) {
    throw new NotFoundError("unknown_user", `user ${request.userId} does not exist in the directory`);
  }
  // The reason is typed by a person and shown in tables for months: no pasted token survives.
  const reason = redactString(request.reason);
  const { updatedAt: _updatedAt, ...rest } = user;
  const expiresAt = new Date(expires).toISOString();
  await lowerExclusionsDue(store, request.rolloutId, expiresAt);
  const saved = await store.users.upsert(request.rolloutId, {
    ...rest,
    stage: "excluded",
    reason,
    exclusionExpiresAt: expiresAt,
    stageBeforeExclusion: user.stage === "excluded" ? user.stageBeforeExclusion : user.stage,
  });
  await lowerExclusionsDue(store, request.rolloutId, expiresAt);
  await refreshStageCounts(store, request.rolloutId, user.waveIndex);
  await store.audit.append(request.rolloutId, {
    ...request.by,
    action: "exclusion:add",
    ...(user.waveIndex >= 0 ? { waveIndex: user.waveIndex } : {}),
    details: { userId: request.userId, reason, expiresAt: saved.exclusionExpiresAt, was: user.stage },
  });
  return saved;
}

/**
 * Ends an exclusion: out of the excluded group, back to the stage the user had. An enforced user
 * never left the enforced group, so the enforced policy applies again at once. A user whose wave
 * was enforced while they were out comes back held back and due for a retry now: the retry
 * checks their readiness like a gate would, so they are neither skipped for ever nor enforced blind.
 */
export async function reincludeUser(
  deps: Deps,
  request: { rolloutId: string; userId: string; by: AuditActor; why: string },
): Promise<UserRecord> {
  const { store, graph, clock } = deps;
  const input = { ...request, userId: normalizeId(request.userId) };
  const rollout = await store.rollouts.get(input.rolloutId);
  const user = await store.users.find(input.rolloutId, input.userId);
  if (!user || user.stage !== "excluded") {
    throw new NotFoundError(
      "not_excluded",
      `user ${input.userId} has no exclusion in rollout ${input.rolloutId}`,
    );
  }
  if (rollout.excludedGroupId) await graph.removeMembers(rollout.excludedGroupId, [input.userId]);
  const { updatedAt: _u, exclusionExpiresAt: _e, stageBeforeExclusion, reason: _r, ...rest } = user;
  const before: UserStage = stageBeforeExclusion ?? "reportOnly";
  const missedEnforcement =
    before === "reportOnly" && (await waveWasEnforced(store, input.rolloutId, user.waveIndex));
  const next: UserInput = missedEnforcement
    ? {
        ...rest,
        stage: "heldBack",
        reason: "excluded while the wave was enforced: waits for a readiness re-check",
        retryAt: clock.now().toISOString(),
      }
    : { ...rest, stage: before };
  const saved = await store.users.upsert(input.rolloutId, next);
  await refreshStageCounts(store, input.rolloutId, user.waveIndex);
  await store.audit.append(input.rolloutId, {
    ...input.by,
    action: "exclusion:end",
    ...(user.waveIndex >= 0 ? { waveIndex: user.waveIndex } : {}),
    details: { userId: input.userId, why: input.why, stage: saved.stage },
  });
  return saved;
}

function isBreakGlass(rollout: RolloutRecord, userId: string): boolean {
  const validation = validatePlan(rollout.plan);
  if (!validation.ok) return false;
  return validation.plan.breakGlass.some((id) => normalizeId(id) === userId);
}

async function waveWasEnforced(store: StatusStore, rolloutId: string, waveIndex: number): Promise<boolean> {
  if (waveIndex < 0) return false;
  const wave = await store.waves.find(rolloutId, waveIndex);
  return wave?.bakeStartedAt !== undefined;
}

/** The rollout and wave rows show per-stage counts: an exclusion moves a user between them. */
async function refreshStageCounts(store: StatusStore, rolloutId: string, waveIndex: number): Promise<void> {
  await refreshCounts(store, rolloutId);
  if (waveIndex >= 0) await refreshWaveCounts(store, rolloutId, waveIndex);
}

/**
 * Keeps exclusionsDueAt a lower bound of every exclusion's end. Called before an exclusion is
 * written (so a crash after it leaves at worst an early, empty check) and again after it (so an
 * expiry check that ran in between, and did not see the new row, cannot have raised it past it).
 */
export async function lowerExclusionsDue(
  store: StatusStore,
  rolloutId: string,
  expiresAt: string,
): Promise<void> {
  await store.rollouts.update(rolloutId, (current) =>
    current.exclusionsDueAt !== undefined && Date.parse(current.exclusionsDueAt) <= Date.parse(expiresAt)
      ? undefined
      : { exclusionsDueAt: expiresAt },
  );
}
