/**
 * The rows of the status tables as the app sees them. Statuses, stages, verdicts and decisions
 * are the domain's, so a word means the same in a table, a log line and an HTTP answer.
 */
import {
  isWavePhase,
  ROLLOUT_STATUSES,
  USER_STAGES,
  WAVE_PHASES,
  type RolloutStatus,
  type UserStage,
  type WavePhase,
} from "../domain/lifecycle";

export {
  isWavePhase,
  ROLLOUT_STATUSES,
  USER_STAGES,
  WAVE_PHASES,
  type RolloutStatus,
  type UserStage,
  type WavePhase,
};
export type StageCounts = Record<UserStage, number>;

/** The engine's decisions plus an admin's abort, as gate and wave rows record them. */
export const DECISIONS = ["proceed", "extend", "shrink", "pause", "stepBack", "abort"] as const;
export type Decision = (typeof DECISIONS)[number];

import { VERDICTS, type Verdict } from "../domain/gates/gate-result";

export { VERDICTS, type Verdict };

export function emptyStageCounts(): StageCounts {
  return { pending: 0, reportOnly: 0, heldBack: 0, excluded: 0, enforced: 0 };
}

export interface RolloutRecord {
  id: string;
  status: RolloutStatus;
  /** Why the rollout is paused / failed / waiting, in words an operator can act on. */
  statusReason?: string;
  /** The validated plan as given at start (any JSON); stored split over plan0..planN. */
  plan: unknown;
  currentWave: number;
  enforcedGroupId?: string;
  excludedGroupId?: string;
  reportOnlyPolicyId?: string;
  enforcedPolicyId?: string;
  /** Hashes of the policies as the app last wrote them, to notice edits made by hand in the portal. */
  reportOnlyPolicyFingerprint?: string;
  enforcedPolicyFingerprint?: string;
  /** When the report-only policy first covered the population: no observation window starts earlier. */
  reportOnlySince?: string;
  /**
   * The orchestrators' replay contract the rollout started under (ORCHESTRATION_VERSION): which
   * deployment may run it. Absent on rollouts started before it was recorded (version 1).
   */
  orchestrationVersion?: string;
  /** The wave sub-orchestration listening for control events now; empty between waves. */
  activeWaveInstanceId?: string;
  /**
   * No exclusion of this rollout ends before this time (a lower bound, lowered before any
   * exclusion is written): the hourly expiry check reads the users table only once it has passed.
   * Absent while nobody has been excluded.
   */
  exclusionsDueAt?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  counts: StageCounts;
  /** Set on every read; the version a conditional update must match. */
  etag?: string;
}

export type NewRollout = Omit<
  RolloutRecord,
  "status" | "currentWave" | "counts" | "createdAt" | "updatedAt" | "etag"
> &
  Partial<Pick<RolloutRecord, "status" | "currentWave" | "counts" | "createdAt">>;

/** What a read-modify-write may change; identity and creation facts are fixed. */
export type RolloutPatch = Partial<
  Omit<RolloutRecord, "id" | "createdBy" | "createdAt" | "updatedAt" | "etag">
>;

export interface WaveDecision {
  decision: Decision;
  at: string;
  reason?: string;
}

export interface WaveRecord {
  rolloutId: string;
  index: number;
  name: string;
  /** Where the wave is in its lifecycle (docs/DESIGN.md, "Wave lifecycle"). */
  phase: WavePhase;
  planned: number;
  enforced: number;
  heldBack: number;
  excluded: number;
  observeStartedAt?: string;
  observeEndsAt?: string;
  bakeStartedAt?: string;
  bakeEndsAt?: string;
  /** Until when the wave's enforced users stay observed after its bake (the plan's watch.for). */
  watchUntil?: string;
  /**
   * App × client × platform combinations the bake saw too rarely to judge ("Contoso Invoicing on
   * iOS: 1 attempt in the bake — watching"): what the watch has still to test.
   */
  untested?: string[];
  /** How many times an inconclusive gate extended this wave's bake. */
  extensions: number;
  lastDecision?: WaveDecision;
  updatedAt: string;
  etag?: string;
}

export type WaveInput = Omit<
  WaveRecord,
  "updatedAt" | "etag" | "extensions" | "enforced" | "heldBack" | "excluded"
> &
  Partial<Pick<WaveRecord, "extensions" | "enforced" | "heldBack" | "excluded">>;

export type WavePatch = Partial<Omit<WaveRecord, "rolloutId" | "index" | "updatedAt" | "etag">>;

export interface UserRecord {
  userId: string;
  upn: string;
  waveIndex: number;
  stage: UserStage;
  /** Why the user is held back or excluded. */
  reason?: string;
  /** When a held-back user may be tried again. */
  retryAt?: string;
  /** When an exclusion ends and the user is re-included. */
  exclusionExpiresAt?: string;
  /** The stage an excluded user returns to when the exclusion ends. */
  stageBeforeExclusion?: UserStage;
  /** Automatic retries a held-back user has had. */
  retries?: number;
  updatedAt: string;
}

export type UserInput = Omit<UserRecord, "updatedAt">;

export type GateKind = "readiness" | "health" | (string & {});

/** Scalars shown as their own columns; anything nested lives only in the JSON column. */
export type MetricValue = number | string | boolean | null;

export interface GateRecord {
  rolloutId: string;
  waveIndex: number;
  gate: GateKind;
  evaluatedAt: string;
  verdict: Verdict;
  decision?: Decision;
  reasons: string[];
  metrics: Record<string, unknown>;
}

/**
 * Who did it. `actor` is one filterable token (the caller's UPN, else object id, or
 * "system:<component>"); a person's row also carries their Entra object id, which never changes
 * when a UPN is renamed or reused, and their display name for people reading the log.
 */
export interface AuditActor {
  actor: string;
  /** Entra object id (oid) of the caller; absent only for system actors. */
  actorId?: string;
  /** Display name of the caller as their token gave it. */
  actorName?: string;
}

export interface AuditEntry extends AuditActor {
  rolloutId: string;
  at: string;
  action: string;
  details?: unknown;
  waveIndex?: number;
  idempotencyKey?: string;
  /** The RowKey, to point an operator at the row. */
  rowKey: string;
}

export type AuditInput = Omit<AuditEntry, "rowKey" | "at" | "rolloutId"> & { at?: string | Date };

export interface CounterRecord<T> {
  windowKey: string;
  userId: string;
  counters: T;
  updatedAt: string;
}
