import type { Clock } from "../clock";
import type { UserStage } from "../domain";
import type { GraphGateway } from "../graph";
import type { StatusStore, UserRecord } from "../store";

export interface ExclusionRequest {
  rolloutId: string;
  userId: string;
  reason: string;
  expiresAt: string;
  actor: string;
}

export class ExclusionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = "ExclusionError";
  }
}

/** Exclusions are time-boxed: a forgotten one must not keep a user out of MFA for ever. */
export const MAX_EXCLUSION_DAYS = 90;

/**
 * Excludes one population user from both policies through the excluded group. The group write
 * comes first: if the table write fails, a retry finds the user already in the group (success).
 */
export async function excludeUser(
  deps: { store: StatusStore; graph: GraphGateway; clock: Clock },
  request: ExclusionRequest,
): Promise<UserRecord> {
  const { store, graph, clock } = deps;
  const expires = Date.parse(request.expiresAt);
  const now = clock.now().getTime();
  if (!Number.isFinite(expires) || expires <= now) {
    throw new ExclusionError(400, "expiresAt must be an ISO 8601 time in the future");
  }
  if (expires - now > MAX_EXCLUSION_DAYS * 86_400_000) {
    throw new ExclusionError(400, `an exclusion may last at most ${MAX_EXCLUSION_DAYS} days`);
  }
  const rollout = await store.rollouts.get(request.rolloutId);
  if (!rollout.excludedGroupId) throw new ExclusionError(409, "the rollout has not finished its setup yet");
  const user = await store.users.find(request.rolloutId, request.userId);
  if (!user) throw new ExclusionError(404, `user ${request.userId} is not in this rollout's population`);
  const result = await graph.addMembers(rollout.excludedGroupId, [request.userId]);
  if (result.notFound.length > 0)
    throw new ExclusionError(404, `user ${request.userId} does not exist in the directory`);
  const { updatedAt: _updatedAt, ...rest } = user;
  const next = {
    ...rest,
    stage: "excluded" as const,
    reason: request.reason,
    exclusionExpiresAt: new Date(expires).toISOString(),
    stageBeforeExclusion: user.stage === "excluded" ? user.stageBeforeExclusion : user.stage,
  };
  const saved = await store.users.upsert(request.rolloutId, next);
  await store.audit.append(request.rolloutId, {
    actor: request.actor,
    action: "exclusion:add",
    details: { userId: request.userId, reason: request.reason, expiresAt: next.exclusionExpiresAt },
  });
  return saved;
}

/**
 * Ends an exclusion: out of the excluded group, back to the stage the user had. An enforced user
 * never left the enforced group, so the enforced policy applies again at once.
 */
export async function reincludeUser(
  deps: { store: StatusStore; graph: GraphGateway },
  input: { rolloutId: string; userId: string; actor: string; why: string },
): Promise<UserRecord> {
  const { store, graph } = deps;
  const rollout = await store.rollouts.get(input.rolloutId);
  const user = await store.users.find(input.rolloutId, input.userId);
  if (!user || user.stage !== "excluded") {
    throw new ExclusionError(404, `user ${input.userId} has no exclusion in rollout ${input.rolloutId}`);
  }
  if (rollout.excludedGroupId) await graph.removeMembers(rollout.excludedGroupId, [input.userId]);
  const { updatedAt: _u, exclusionExpiresAt: _e, stageBeforeExclusion, reason: _r, ...rest } = user;
  const stage: UserStage = stageBeforeExclusion ?? "reportOnly";
  const saved = await store.users.upsert(input.rolloutId, { ...rest, stage });
  await store.audit.append(input.rolloutId, {
    actor: input.actor,
    action: "exclusion:end",
    details: { userId: input.userId, why: input.why, stage },
  });
  return saved;
}
