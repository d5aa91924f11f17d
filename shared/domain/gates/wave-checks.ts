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
import { evaluateHealth, type HealthResult } from "./health-gate";
import { evaluateReadiness, type ReadinessInput, type ReadinessResult } from "./readiness-gate";

/**
 * One call per gate for the activities: counters in, every intermediate result and the decision
 * out, so the activity only loads counters, calls this and stores what it returns.
 */
export interface HealthCheckInput {
  /** The wave's users currently enforced. */
  waveUserIds: readonly string[];
  /** Users of the population not enforced yet (later waves): the control cohort. May be empty. */
  controlUserIds: readonly string[];
  /** Sign-ins since enforcement (may hold other users too: they are picked by id). */
  current: SignInCounters;
  /** Sign-ins of the observe window, before enforcement. */
  baseline: SignInCounters;
  gates: GateThresholds;
  state: Omit<DecisionState, "gate">;
  attribution?: AttributionThresholds;
  systemic?: SystemicThresholds;
  onBroadFailure?: "pause" | "stepBack";
}

export interface HealthCheck {
  health: HealthResult;
  attribution: AttributionResult | null;
  systemic: SystemicResult;
  decision: DecisionOutcome;
}

export function checkHealth(input: HealthCheckInput): HealthCheck {
  const wave = {
    current: summarize(pickUsers(input.current, input.waveUserIds)),
    baseline: summarize(pickUsers(input.baseline, input.waveUserIds)),
  };
  const control =
    input.controlUserIds.length > 0
      ? {
          current: summarize(pickUsers(input.current, input.controlUserIds)),
          baseline: summarize(pickUsers(input.baseline, input.controlUserIds)),
        }
      : undefined;
  const health = evaluateHealth({
    wave,
    control,
    thresholds: input.gates.health,
    bakeComplete: input.state.bakeComplete,
  });
  const systemic = detectSystemic({
    wave,
    control,
    confidence: input.gates.health.confidence,
    thresholds: input.systemic ?? DEFAULT_SYSTEMIC,
  });
  // Attribution only matters for a failing wave; its expected rate is what these users had before.
  const expectedRate =
    health.metrics.baseline.signIns > 0 ? health.metrics.baseline.rate : (health.metrics.control?.rate ?? 0);
  const attribution =
    health.verdict === "Fail"
      ? attributeFailures({
          wave: pickUsers(input.current, input.waveUserIds),
          expectedRate,
          thresholds: input.attribution ?? DEFAULT_ATTRIBUTION,
        })
      : null;
  const decision = decide(
    { ...input.state, gate: "health" },
    { health, systemic, attribution: attribution ?? undefined },
    {
      maxExtensions: input.gates.health.maxExtensions,
      maxHeldBackShare: input.gates.shrink.maxHeldBackShare,
      onBroadFailure: input.onBroadFailure,
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
