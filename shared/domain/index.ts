/**
 * shared/domain: the pure rollout logic. No I/O, no clock, no randomness: every function is
 * deterministic in its arguments, so orchestrators may call it and tests need no fakes.
 */
export * from "./defaults";
export * from "./lifecycle";
export {
  ControlEvents,
  type ControlEventData,
  type ControlEventName,
  type RaisedControlEvent,
} from "./control-events";

export { GUID_PATTERN, isGuid, normalizeId } from "./plan/guid";
export {
  planSchema,
  gateOverridesSchema,
  WEEKDAYS,
  type Weekday,
  type WaveSelect,
  type GateOverrides,
  type ParsedPlan,
  type PlanWave,
  type PlanPolicy,
  type Schedule,
  type ChangeWindow,
  type RemainderRule,
  type ServiceAccountAction,
} from "./plan/plan-schema";
export type { PlanProblem } from "./plan/plan-semantics";
export { validatePlan, waveGates, toJsonPath, type Plan, type PlanValidation } from "./plan/validate-plan";
export { resolveGates } from "./plan/resolve-gates";

export { stableOrder, stableRank } from "./cohort/stable-order";
export { describeOverlap, populationOverlap, type Overlap, type RolloutPopulation } from "./cohort/overlap";
export {
  selectCohort,
  shareSize,
  type CohortRequest,
  type CohortSelection,
  type CohortSkipped,
} from "./cohort/select-cohort";
export {
  assignWaves,
  resolvePopulation,
  type Assignment,
  type GroupMembers,
  type WaveAssignment,
} from "./cohort/assign-waves";
export {
  classifyAccount,
  clientKind,
  createUsageFold,
  mayBeServiceAccount,
  serviceAccountPlacements,
  longestQuietHours,
  profileUsage,
  SERVICE_ACCOUNT_LOOKBACK,
  SERVICE_ACCOUNT_REASON,
  SERVICE_ACCOUNT_RULES,
  type AccountFacts,
  type ServiceAccountVerdict,
  type UsageProfile,
  type UsageRow,
} from "./accounts/service-accounts";
export {
  decideCoverage,
  uncoveredMessage,
  PLAN_EXCLUSION_DAYS,
  REMAINDER_WAVE_NAME,
  UNCOVERED_SAMPLE,
  type CoverageDecision,
  type Placement,
} from "./cohort/coverage";

export { emptyTally, dominantCode, type UserTally } from "./signins/user-tally";
export { clusterKey, parseClusterKey, describeCluster, type Cluster } from "./signins/cluster-key";
export { createCounters, pickUsers, type SignInCounters } from "./signins/sign-in-counters";
export {
  summarize,
  emptySummary,
  clusterTotals,
  type TallySummary,
  type ClusterTotal,
} from "./signins/summary";
export {
  createBucketCounter,
  nextLateTail,
  tailFor,
  type LateTailState,
  type TailRead,
} from "./signins/late-tail";

export { normalQuantile, oneSidedZ, twoSidedZ } from "./stats/normal-quantile";
export { wilsonInterval, wilsonIntervalOfEffective, type ProportionInterval } from "./stats/wilson";
export {
  newcombeInterval,
  newcombeOfIntervals,
  excessRateBounds,
  type Proportion,
} from "./stats/rate-difference";
export { minSampleSizeForMargin, minSampleSizeToDetect } from "./stats/sample-size";
export { alwaysValidZ, mixtureRhoSquared } from "./stats/confidence-sequence";
export {
  addClusterCounts,
  clusterMomentsOf,
  effectiveProportion,
  type ClusterMoments,
  type EffectiveProportion,
} from "./stats/cluster-robust";
export { alwaysValidExcess, clusteredExcess, type CohortExcess } from "./stats/cohort-excess";
export {
  brokenRateLogLikelihoodRatio,
  isBrokenBeyondNoise,
  type BrokenRateTest,
} from "./stats/broken-rate-evidence";
export { errorBudget, ERROR_BUDGET_PARTS, type AlwaysValid, type ErrorBudget } from "./gates/error-budget";

export { VERDICTS, type Verdict, type GateResult, type HoldBack } from "./gates/gate-result";
export {
  evaluateReadiness,
  type ReadinessInput,
  type ReadinessMetrics,
  type ReadinessResult,
  type RegistrationFacts,
} from "./gates/readiness-gate";
export {
  evaluateHealth,
  type HealthInput,
  type HealthMetrics,
  type HealthResult,
  type RateMetrics,
} from "./gates/health-gate";
export {
  attributeFailures,
  reasonFor,
  type AttributionInput,
  type AttributionResult,
} from "./gates/attribute-failures";
export { brokenCells, type BrokenCell, type CellTest } from "./gates/broken-cells";
export { detectSystemic, type SystemicInput, type SystemicResult } from "./gates/detect-systemic";
export {
  decide,
  DECISIONS,
  type Decision,
  type DecisionState,
  type DecisionInputs,
  type DecisionLimits,
  type DecisionOutcome,
} from "./gates/decide";

export {
  isInsideChangeWindow,
  nextWindowOpening,
  currentWindowEnd,
  type ScheduleInput,
  type Instant,
} from "./schedule/change-window";
export { parseIsoDuration, isoDurationMs, tryIsoDurationMs, addIsoDuration } from "./schedule/iso-duration";
export {
  checkHealth,
  checkReadiness,
  type HealthCheck,
  type HealthCheckInput,
  type ReadinessCheck,
  type ReadinessCheckInput,
} from "./gates/wave-checks";
export { decideWatch, type WatchAction, type WatchDecision } from "./watch/watch-decision";
export { untestedClusters, type UntestedCluster, type UntestedInput } from "./watch/untested-clusters";
export { watchSettings, watchEndsAt, nextWatchCheck, watchingStatus } from "./watch/watch-schedule";
