import {
  DEFAULT_ATTRIBUTION,
  DEFAULT_SYSTEMIC,
  type AttributionThresholds,
  type GateThresholds,
  type SystemicThresholds,
} from "../defaults";
import { pickUsers, type SignInCounters } from "../signins/sign-in-counters";
import { summarize } from "../signins/summary";
import { attributeFailures, type AttributionResult } from "./attribute-failures";
import { decide, type DecisionOutcome, type DecisionState } from "./decide";
import { detectSystemic, type SystemicResult } from "./detect-systemic";
import { errorBudget } from "./error-budget";
import { evaluateHealth, type HealthResult } from "./health-gate";
import { failureSpread } from "./spread-failure";
import { evaluateReadiness, type ReadinessInput, type ReadinessResult } from "./readiness-gate";

/**
 * One call per gate, the one production runs: the activities (evaluate-health.ts,
 * evaluate-readiness.ts) load counters, call this and store what it returns, and the tests
 * exercise this same path. Counters in, every intermediate result and the decision out.
 */
export interface HealthCheckInput {
  /** The wave's users currently enforced. */
  waveUserIds: readonly string[];
  /** The wave's users held back so far: attribution still learns from their attempts. */
  heldBackUserIds?: readonly string[];
  /** Attempts since enforcement (may hold other users too: the wave's are picked by id). */
  current: SignInCounters;
  /** Attempts of the observe window, before enforcement (picked by id likewise). */
  baseline: SignInCounters;
  /**
   * The control cohort (population users not enforced yet, outside the wave) over the same
   * stretches: the counters hold its users only. Absent when there is no one left to compare with.
   */
  control?: { current: SignInCounters; baseline: SignInCounters };
  /** Or the control cohort's users, picked from `current` and `baseline` (one log holding both). */
  controlUserIds?: readonly string[];
  gates: GateThresholds;
  state: Omit<DecisionState, "gate">;
  attribution?: AttributionThresholds;
  systemic?: SystemicThresholds;
}

export interface HealthCheck {
  health: HealthResult;
  attribution: AttributionResult;
  systemic: SystemicResult;
  decision: DecisionOutcome;
}

export function checkHealth(input: HealthCheckInput): HealthCheck {
  const wave = {
    current: summarize(pickUsers(input.current, input.waveUserIds)),
    baseline: summarize(pickUsers(input.baseline, input.waveUserIds)),
  };
  const controlIds = input.controlUserIds ?? [];
  const control = input.control
    ? { current: summarize(input.control.current), baseline: summarize(input.control.baseline) }
    : controlIds.length > 0
      ? {
          current: summarize(pickUsers(input.current, controlIds)),
          baseline: summarize(pickUsers(input.baseline, controlIds)),
        }
      : undefined;
  const health = evaluateHealth({
    wave,
    control,
    thresholds: input.gates.health,
    bakeComplete: input.state.bakeComplete,
  });
  const baselineRate = wave.baseline.signIns > 0 ? wave.baseline.failures / wave.baseline.signIns : 0;
  const budget = errorBudget(input.gates.health, input.gates.shrink);
  const systemic = detectSystemic({
    wave,
    control,
    alwaysValid: budget.systemic,
    thresholds: input.systemic ?? DEFAULT_SYSTEMIC,
    spread: {
      wave: failureSpread(pickUsers(input.current, input.waveUserIds)),
      allowedRate: baselineRate + input.gates.health.maxExcessFailureRate,
      brokenRate: input.gates.shrink.brokenFailureRate,
      alpha: budget.spread.alpha,
    },
  });
  // Attribution runs on a healthy wave too: four phones on one broken app barely move the wave's
  // rate (decide.ts acts on it when actionable). Its expected rate is what these users had before,
  // but never less than the wave fails at now: enforcement itself costs abandoned and declined
  // prompts, which report-only never shows (it prompts nobody), so against the report-only rate
  // any user with two abandoned prompts would look broken. A user is blamed for failing more than
  // the enforced wave does, not more than an unprompted one.
  const before =
    health.metrics.baseline.signIns > 0 ? health.metrics.baseline.rate : (health.metrics.control?.rate ?? 0);
  const expectedRate = Math.max(before, health.metrics.wave.rate);
  const attribution = attributeFailures({
    wave: pickUsers(input.current, input.waveUserIds),
    expectedRate,
    thresholds: input.attribution ?? DEFAULT_ATTRIBUTION,
    evidence: budget.holdBack,
    heldBack: pickUsers(input.current, input.heldBackUserIds ?? []),
  });
  const decision = decide(
    { ...input.state, gate: "health" },
    { health, systemic, attribution },
    {
      maxExtensions: input.gates.health.maxExtensions,
      maxHeldBackShare: input.gates.shrink.maxHeldBackShare,
    },
  );
  return { health, attribution, systemic, decision };
}

export interface ReadinessCheckInput extends Omit<ReadinessInput, "thresholds"> {
  gates: GateThresholds;
  state: Omit<DecisionState, "gate" | "bakeComplete">;
}

export interface ReadinessCheck {
  readiness: ReadinessResult;
  decision: DecisionOutcome;
}

export function checkReadiness(input: ReadinessCheckInput): ReadinessCheck {
  const readiness = evaluateReadiness({ ...input, thresholds: input.gates.readiness });
  const decision = decide(
    { ...input.state, gate: "readiness", bakeComplete: false },
    { readiness },
    {
      maxExtensions: input.gates.health.maxExtensions,
      maxHeldBackShare: input.gates.shrink.maxHeldBackShare,
    },
  );
  return { readiness, decision };
}
