import type { HealthThresholds, ShrinkThresholds } from "../defaults";

/**
 * How the plan's `maxFalseAlarmRate` is spent. Three checks can stop or shrink a healthy wave:
 * the health gate's Fail, the systemic check and the hold-backs. Each gets a third, and each is
 * valid over every look of the bake, so by the union bound the chance that any of them ever fires
 * on a wave without excess failures stays below maxFalseAlarmRate.
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
}

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
    holdBack: { alpha, brokenRate: shrink.brokenFailureRate },
  };
}
