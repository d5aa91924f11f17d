import type { UserInput, UserRecord, UserStage } from "../store";

/** What Graph says about one user of the rollout, read just before reconciling. */
export interface UserTruth {
  inEnforcedGroup: boolean;
  inExcludedGroup: boolean;
  /** False once the user object is gone from the directory. */
  exists: boolean;
  /** The user's wave has passed its readiness gate and been enforced (its bake has started). */
  waveEnforced: boolean;
}

export interface UserReconciliation {
  /** The row as Graph's truth says it should be (equal to the input when nothing differs). */
  next: UserInput;
  changed: boolean;
  /**
   * The user sits in the enforced group but the rollout could not have put them there (their wave
   * has not been observed and enforced yet): they come out rather than be enforced unobserved.
   */
  removeFromEnforcedGroup: boolean;
}

/** How long an exclusion found in Graph but unknown to the table lasts: exclusions are time-boxed. */
export const ADOPTED_EXCLUSION_DAYS = 7;

export const REASONS = {
  deleted: "deleted from the directory",
  removedOutOfBand: "removed from the enforced group outside the rollout",
  excludedOutOfBand: "added to the excluded group outside the rollout",
  addedTooEarly: "added to the enforced group outside the rollout before its wave was enforced",
} as const;

/** The stage a user holds in the enforced group, as the invariants read it. */
export function belongsInEnforcedGroup(user: Pick<UserRecord, "stage" | "stageBeforeExclusion">): boolean {
  return user.stage === "enforced" || (user.stage === "excluded" && user.stageBeforeExclusion === "enforced");
}

function withoutTimestamps(row: UserRecord): UserInput {
  const { updatedAt: _updatedAt, ...rest } = row;
  return rest;
}

function moved(row: UserRecord, stage: UserStage, reason?: string): UserInput {
  const {
    reason: _reason,
    retryAt: _retryAt,
    exclusionExpiresAt: _expires,
    stageBeforeExclusion: _before,
    ...rest
  } = withoutTimestamps(row);
  return { ...rest, stage, ...(reason !== undefined ? { reason } : {}) };
}

/**
 * Rebuilds one users-table row from Graph's truth. Group membership is what Conditional Access
 * actually applies, so it wins over the table — except where adopting it would enforce a user
 * the rollout never observed: those leave the enforced group instead. Users taken out of
 * enforcement land in heldBack with the reason (no retry date: an admin decides), so they stay
 * covered by the report-only policy and show up in every held-back list.
 */
export function reconcileUser(row: UserRecord, truth: UserTruth, at: string): UserReconciliation {
  const same = withoutTimestamps(row);
  const result = (next: UserInput, removeFromEnforcedGroup = false): UserReconciliation => ({
    next,
    changed: JSON.stringify(next) !== JSON.stringify(same),
    removeFromEnforcedGroup,
  });
  const eligible = row.waveIndex >= 0 && truth.waveEnforced;

  if (truth.inExcludedGroup) {
    const enforcedBefore = truth.inEnforcedGroup && (eligible || belongsInEnforcedGroup(row));
    const previous: UserStage =
      row.stage === "excluded" ? (row.stageBeforeExclusion ?? "reportOnly") : row.stage;
    const before: UserStage = enforcedBefore ? "enforced" : previous === "enforced" ? "heldBack" : previous;
    const expiresAt =
      row.stage === "excluded" && row.exclusionExpiresAt
        ? row.exclusionExpiresAt
        : new Date(Date.parse(at) + ADOPTED_EXCLUSION_DAYS * 86_400_000).toISOString();
    return result(
      {
        ...moved(row, "excluded", row.stage === "excluded" ? row.reason : REASONS.excludedOutOfBand),
        exclusionExpiresAt: expiresAt,
        stageBeforeExclusion: before,
      },
      truth.inEnforcedGroup && !enforcedBefore,
    );
  }

  if (truth.inEnforcedGroup) {
    if (eligible) return result(row.stage === "enforced" ? same : moved(row, "enforced"));
    const back: UserStage = row.stage === "enforced" || row.stage === "excluded" ? "reportOnly" : row.stage;
    return result(back === row.stage ? same : moved(row, back, REASONS.addedTooEarly), true);
  }

  if (belongsInEnforcedGroup(row)) {
    return result(moved(row, "heldBack", truth.exists ? REASONS.removedOutOfBand : REASONS.deleted));
  }
  if (row.stage === "excluded") return result(moved(row, row.stageBeforeExclusion ?? "reportOnly"));
  return result(same);
}
