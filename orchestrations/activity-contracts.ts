import type { Decision, RolloutStatus, Verdict } from "#shared/domain";
import type {
  VerifiedControl,
  VerifyControlInput,
  CollectSignInsInput,
  CollectSignInsResult,
  CompleteRolloutInput,
  WaveCompletion,
  WaveOutcome,
  EvaluateWatchInput,
  EvaluateWatchResult,
  GateInput,
  OpenWatchInput,
  OpenWatchResult,
  PreflightResult,
  ReconcileActivityInput,
  ReconcileActivityResult,
  GateResult,
  RetryHeldBackResult,
  SetStatusInput,
  SetupInput,
  SetupResult,
  StartWaveResult,
  WaveStep,
} from "#shared/app";
import type { PendingControl } from "./control-inbox";

export type { Decision, RolloutStatus, Verdict };
/** The payloads the use cases (shared/app) define, under the names the orchestrators use. */
export type {
  CollectSignInsInput,
  CollectSignInsResult,
  CompleteRolloutInput,
  EvaluateWatchInput,
  EvaluateWatchResult,
  GateInput,
  GateResult,
  OpenWatchInput,
  OpenWatchResult,
  PreflightResult,
  ReconcileActivityInput,
  ReconcileActivityResult,
  RetryHeldBackResult,
  SetStatusInput,
  SetupInput,
  SetupResult,
  StartWaveResult,
  WaveOutcome,
};
export type WaveStepInput = WaveStep;

/**
 * Names and payloads of every activity the orchestrators call. Payloads stay small (ids, counts,
 * ISO times): user lists live in the tables, never in orchestration history.
 */
export const Activities = {
  preflight: "preflight",
  setupRollout: "setup-rollout",
  setRolloutStatus: "set-rollout-status",
  startWave: "start-wave",
  collectSignIns: "collect-sign-ins",
  evaluateReadiness: "evaluate-readiness",
  enforceWave: "enforce-wave",
  evaluateHealth: "evaluate-health",
  releaseHeldBack: "release-held-back",
  stepBackWave: "step-back-wave",
  retryHeldBack: "retry-held-back",
  completeWave: "complete-wave",
  completeRollout: "complete-rollout",
  verifyControlRequest: "verify-control-request",
  openWatch: "open-watch",
  evaluateWatch: "evaluate-watch",
  checkDrift: "check-drift",
  reconcile: "reconcile",
} as const;

/** The drift and reconcile activities' names, as the drift guard calls them. */
export const DriftActivities = {
  checkDrift: Activities.checkDrift,
  reconcile: Activities.reconcile,
} as const;

export const Orchestrations = {
  rollout: "rollout",
  wave: "wave",
} as const;

/** Who caused a change: an admin's principal name, or the engine itself. */
export type Actor = string;

export interface RolloutInput {
  rolloutId: string;
  /** The wave to run next; the orchestrator continues-as-new with the following index. */
  nextWave: number;
  setupDone: boolean;
  startedBy: Actor;
  /** Known after setup. */
  waveCount: number;
  reportOnlySince: string;
  /** ORCHESTRATION_VERSION of the code that started the rollout; absent for version 1. */
  orchestrationVersion?: string;
  /** Control events the previous execution received and did not act on (see ControlInbox.drain). */
  pendingControl?: PendingControl[];
  /** Set once every wave is done: the watch's progress, carried across continue-as-new. */
  watch?: WatchProgress;
}

/** Where the watch after the last wave stands (orchestrations/rollout/watch-phase.ts). */
export interface WatchProgress {
  /** The sign-in log has been asked for up to here. */
  collectedTo: string;
  /** Looks taken so far: keys the status rows they write. */
  looks: number;
  /** The latest end of any wave's watch. */
  until: string;
  checkEvery: string;
  /** What the status said last, so a look that changes nothing writes no status row. */
  watched: number;
  heldBack: number;
  /** Set once the watch is over (its end came, or an admin ended it): why. */
  ended?: string;
}

export interface WaveInput {
  rolloutId: string;
  waveIndex: number;
  reportOnlySince: string;
  actor: Actor;
  /** Control events the rollout received for this wave before it started. */
  pendingControl?: PendingControl[];
}

export interface EnforceResult {
  enforced: number;
  requests: number;
}

export interface WaveResult extends WaveCompletion {
  /** Control events that reached the wave after its last decision, for the next wave. */
  pendingControl?: PendingControl[];
}

/* Drift and reconcile (small payloads: counts and reasons only). */
export interface CheckDriftInput {
  rolloutId: string;
  waveIndex: number;
  at: string;
  checkpoint: "enforcement" | "health gate";
}

export interface CheckDriftResult {
  drift: boolean;
  reasons: string[];
  deletedUsers: number;
}

/**
 * Every activity's input and output: `callActivity` and `registerActivity`
 * (orchestrations/wave/call-activity.ts) take their types from here, so a caller and its activity
 * cannot disagree on a payload without the compiler saying so.
 */
export interface ActivityMap {
  [Activities.preflight]: { input: { rolloutId: string }; output: PreflightResult };
  [Activities.setupRollout]: { input: SetupInput; output: SetupResult };
  [Activities.setRolloutStatus]: { input: SetStatusInput; output: void };
  [Activities.startWave]: { input: WaveStepInput & { reportOnlySince: string }; output: StartWaveResult };
  [Activities.collectSignIns]: { input: CollectSignInsInput; output: CollectSignInsResult };
  [Activities.evaluateReadiness]: { input: GateInput; output: GateResult };
  [Activities.enforceWave]: { input: WaveStepInput; output: EnforceResult };
  [Activities.evaluateHealth]: { input: GateInput; output: GateResult };
  [Activities.releaseHeldBack]: { input: WaveStepInput; output: { removed: number } };
  [Activities.stepBackWave]: { input: WaveStepInput; output: { steppedBack: number } };
  [Activities.retryHeldBack]: { input: WaveStepInput; output: RetryHeldBackResult };
  [Activities.completeWave]: {
    input: WaveStepInput & { outcome: WaveOutcome; reason: string };
    output: WaveResult;
  };
  [Activities.completeRollout]: { input: CompleteRolloutInput; output: void };
  [Activities.verifyControlRequest]: { input: VerifyControlInput; output: VerifiedControl };
  [Activities.checkDrift]: { input: CheckDriftInput; output: CheckDriftResult };
  [Activities.reconcile]: { input: ReconcileActivityInput; output: ReconcileActivityResult };
  [Activities.openWatch]: { input: OpenWatchInput; output: OpenWatchResult };
  [Activities.evaluateWatch]: { input: EvaluateWatchInput; output: EvaluateWatchResult };
}

export type ActivityName = keyof ActivityMap;
export type ActivityInput<N extends ActivityName> = ActivityMap[N]["input"];
export type ActivityOutput<N extends ActivityName> = ActivityMap[N]["output"];
