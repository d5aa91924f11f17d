import type { HealthThresholds, ShrinkThresholds } from "../defaults";

/**
 * How the plan's `maxFalseAlarmRate` is spent. Three checks can stop or shrink a healthy wave:
 * the health gate's Fail, the systemic check and the hold-backs. Each gets a third, and each is
 * valid over every look of the bake, so by the union bound the chance that any of them ever fires
 * on a wave without excess failures stays below maxFalseAlarmRate. The hold-backs give a fifth of
 * theirs to the spread check (detect-systemic.ts): both are likelihood-ratio tests, whose
 * thresholds move by ln(1/share) of evidence (0.22 for the hold-backs, about a tenth of one failed
 * attempt), where the normal bounds of the other two widen fast as their share shrinks.
 */
export interface AlwaysValid {
  /** 1 − confidence of bounds that hold at every look at once. */
  alpha: number;
  tightestAt: number;
}

export interface ErrorBudget {
  health: AlwaysValid;
  systemic: AlwaysValid;
  holdBack: { alpha: number; brokenRate: number };
  /** The systemic check on how the wave's own failures are spread (spread-failure.ts). */
  spread: { alpha: number };
}

export const SPREAD_SHARE_OF_HOLD_BACK = 0.2;

export const ERROR_BUDGET_PARTS = 3;

export function errorBudget(
  health: Pick<HealthThresholds, "maxFalseAlarmRate" | "tightestAtAttempts">,
  shrink: Pick<ShrinkThresholds, "brokenFailureRate">,
): ErrorBudget {
  const alpha = health.maxFalseAlarmRate / ERROR_BUDGET_PARTS;
  const tightestAt = health.tightestAtAttempts;
  return {
    health: { alpha, tightestAt },
    systemic: { alpha, tightestAt },
    holdBack: { alpha: alpha * (1 - SPREAD_SHARE_OF_HOLD_BACK), brokenRate: shrink.brokenFailureRate },
    spread: { alpha: alpha * SPREAD_SHARE_OF_HOLD_BACK },
  };
}
