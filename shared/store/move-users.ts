import { canMoveUser, type UserStage } from "../domain/lifecycle";
import { ConflictError } from "../errors";
import type { UserInput, UserRecord } from "./records";
import type { UsersRepository } from "./users-repository";

/**
 * The columns that describe a user's stay in a stage. Leaving the stage clears them, so a row never
 * carries a retry date or an exclusion's expiry from a stage it has left. `retries` is the user's
 * history across stays and is kept.
 */
const STAGE_FIELDS: Readonly<Record<UserStage, readonly (keyof UserRecord)[]>> = {
  pending: [],
  reportOnly: [],
  enforced: [],
  heldBack: ["reason", "retryAt"],
  excluded: ["reason", "exclusionExpiresAt", "stageBeforeExclusion"],
};

/** One user's move: the row as read, and the fields of the stage it enters. */
export interface StageMove {
  user: UserRecord;
  reason?: string;
  retryAt?: string;
  retries?: number;
}

/** The row after the move: the old stage's fields cleared, the new stage's set. */
export function movedUser(move: StageMove, to: UserStage): UserInput {
  const { user } = move;
  if (!canMoveUser(user.stage, to)) {
    throw new ConflictError("invalid_move", `user ${user.userId} cannot move from ${user.stage} to ${to}`);
  }
  const row: Partial<UserRecord> = { ...user };
  delete row.updatedAt;
  for (const field of STAGE_FIELDS[user.stage]) delete row[field];
  return {
    ...(row as UserInput),
    stage: to,
    ...(move.reason !== undefined ? { reason: move.reason } : {}),
    ...(move.retryAt !== undefined ? { retryAt: move.retryAt } : {}),
    ...(move.retries !== undefined ? { retries: move.retries } : {}),
  };
}

/**
 * Moves users of one rollout into stage `to`, refusing a move the lifecycle does not allow
 * (shared/domain/lifecycle.ts) before anything is written. Returns the rows written.
 */
export async function moveUsers(
  users: Pick<UsersRepository, "moveMany">,
  rolloutId: string,
  to: UserStage,
  moves: readonly StageMove[],
): Promise<number> {
  const planned = moves.map((move) => ({ from: move.user, to: movedUser(move, to) }));
  return users.moveMany(rolloutId, planned);
}
