import type { Decision, RolloutStatus, Verdict } from "../shared/domain";
import type { VerifiedControl, VerifyControlInput } from "../shared/app/control-requests";
import type { PendingControl } from "./control-inbox";
import type { NotificationKind } from "../shared/notify/notification-event";

export type { Decision, RolloutStatus, Verdict };

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

export interface PreflightResult {
  ok: boolean;
  problems: string[];
}

export interface SetupResult {
  waveCount: number;
  populationSize: number;
  /** When the report-only policy first covered the population: observation can't start earlier. */
  reportOnlySince: string;
}

export interface SetStatusInput {
  rolloutId: string;
  status: RolloutStatus;
  reason: string;
  actor: Actor;
  at: string;
  /** Makes the audit row idempotent when the activity is retried or replayed after a crash. */
  idempotencyKey: string;
  activeWaveInstanceId?: string | null;
  /** Tell ops (webhook, telemetry): the orchestrator knows which status changes they care about. */
  notify?: NotificationKind;
}

export interface WaveInput {
  rolloutId: string;
  waveIndex: number;
  reportOnlySince: string;
  actor: Actor;
  /** Control events the rollout received for this wave before it started. */
  pendingControl?: PendingControl[];
}

export interface StartWaveResult {
  waveName: string;
  users: number;
  observeFrom: string;
  observeUntil: string;
  bakeFor: string;
  healthCheckEvery: string;
  maxExtensions: number;
  extendBy: string;
  requireApproval: boolean;
  /** The plan's schedule, so a stale `advance` can be checked against the window deterministically. */
  schedule: unknown;
}

export interface CollectSignInsInput {
  rolloutId: string;
  waveIndex: number;
  /**
   * "observe" windows feed the readiness gate; "bake" windows feed the health gate; "watch" reads
   * feed only the watch windows of waves whose bake is over (every read feeds those too).
   */
  purpose: "observe" | "bake" | "watch";
  /** Bake segments restart after a systemic pause, so an outage's failures do not count for ever. */
  segment?: number;
  from: string;
  to: string;
}

export interface CollectSignInsResult {
  pages: number;
  signIns: number;
  /**
   * How far before the read's end attempts stayed pending because rows were seen arriving late
   * (ms; absent or 0 when none were): the bake waits that long past its end before it ends.
   */
  lateTailMs?: number;
}

export interface GateInput {
  rolloutId: string;
  waveIndex: number;
  at: string;
  extensions: number;
  /** The bake is over: Pass now means proceed rather than keep baking. */
  bakeComplete?: boolean;
  segment?: number;
}

export interface GateResult {
  verdict: Verdict;
  decision: Decision;
  reason: string;
  heldBack: number;
  remaining: number;
}

export interface WaveStepInput {
  rolloutId: string;
  waveIndex: number;
  at: string;
  actor: Actor;
}

export interface EnforceResult {
  enforced: number;
  requests: number;
}

export interface RetryHeldBackResult {
  enforced: number;
  stillHeldBack: number;
  /** The earliest retry date among users still held back, if any. */
  nextRetryAt: string | null;
  /** Users still held back with no retry date: they wait for an admin's retry-held-back. */
  awaitingAdmin: number;
}

export interface OpenWatchInput extends WaveStepInput {
  /** The bake segment whose counters the watch carries on. */
  segment: number;
}

export interface OpenWatchResult {
  watchUntil: string;
  /** Clusters the bake saw too rarely to judge (UntestedCluster.text), fewest attempts first. */
  untested: string[];
}

export interface EvaluateWatchInput {
  rolloutId: string;
  at: string;
  /** Waves below this index are looked at (those whose bake is over). */
  throughWave: number;
  actor: Actor;
}

export interface EvaluateWatchResult {
  /** Waves that had users held back by this look (already out of the enforced group). */
  heldBackWaves: number[];
  /** The latest end of any wave's watch; null when no wave is watched. */
  until: string | null;
  checkEvery: string;
  /** Users enforced in waves still watched; users held back so far in every wave whose bake is over. */
  watched: number;
  heldBack: number;
}

export type WaveOutcome = "completed" | "aborted" | "steppedBack";

export interface WaveResult {
  outcome: WaveOutcome;
  enforced: number;
  heldBack: number;
  /** Control events that reached the wave after its last decision, for the next wave. */
  pendingControl?: PendingControl[];
}

export interface SetupInput {
  rolloutId: string;
  at: string;
  actor: string;
}

export interface CompleteRolloutInput {
  rolloutId: string;
  at: string;
  outcome: "completed" | "aborted";
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

export interface ReconcileActivityInput {
  rolloutId: string;
  at: string;
  actor: string;
  /** Resume after a drift pause: adopt edited policies (break-glass still excluded), recreate deleted ones. */
  acknowledgePolicies: boolean;
  idempotencyKey: string;
}

export interface ReconcileActivityResult {
  changed: number;
  removedFromEnforcedGroup: number;
  outsidersRemoved: number;
  policyDrift: boolean;
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
