/**
 * shared/app: the use cases, one per operation, each taking its dependencies explicitly. The
 * activities and HTTP functions are thin adapters over what this entry exports; the use cases
 * reach each other, the store and the Graph gateway through their own files.
 */
export { setupRollout, type SetupInput, type SetupResult } from "./setup-rollout";
export { registerRollout } from "./start-rollout";
export { preflightRollout, type PreflightResult } from "./preflight-rollout";
export { PREFLIGHT_AUDIT_KEY, runPreflight, type PreflightTarget } from "./preflight";
export { previewForRollout } from "./preview";
export { startWave, type StartWaveResult } from "./start-wave";
export type { WaveStep } from "./wave-step";
export { collectSignIns, type CollectSignInsInput, type CollectSignInsResult } from "./collect-sign-ins";
export type { GateInput } from "./gate-evidence";
export { evaluateReadiness } from "./evaluate-readiness";
export { evaluateHealth } from "./evaluate-health";
export type { GateResult } from "./record-decision";
export { enforceWave } from "./enforce-wave";
export { stepBackWave } from "./step-back-wave";
export { completeWave, type WaveCompletion, type WaveOutcome } from "./complete-wave";
export { completeRollout, type CompleteRolloutInput } from "./complete-rollout";
export { rememberResult } from "./remember-result";
export { setRolloutStatus, type SetStatusInput } from "./set-rollout-status";
export { retryHeldBack, type RetryHeldBackResult } from "./retry-held-back";
export { releaseHeldBack } from "./release-held-back";
export { openWatch, type OpenWatchInput, type OpenWatchResult } from "./open-watch";
export { evaluateWatch, type EvaluateWatchInput, type EvaluateWatchResult } from "./evaluate-watch";
export { excludeUser, reincludeUser } from "./exclusions";
export { exclusionCheckDue, expireDueExclusions } from "./exclusion-expiry";
export { readOutsideWaves } from "./outside-waves-status";
export {
  acceptControlRequest,
  verifyControlRequest,
  type VerifiedControl,
  type VerifyControlInput,
} from "./control-requests";
export {
  reconcileAfterDrift,
  reconcileOnRequest,
  type ReconcileActivityInput,
  type ReconcileActivityResult,
} from "./reconcile-requests";
export { checkDrift } from "./reconcile-drift";
export { deliverAllNotifications } from "./deliver-notifications";
export { loadReportModel } from "./report-data";
