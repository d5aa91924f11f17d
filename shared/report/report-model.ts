/**
 * Everything the rollout report shows, already derived from the status tables: the renderer only
 * lays it out, so what the report says can be tested without HTML and the HTML without a store.
 */
import type { ProportionInterval } from "../domain";
import type { RolloutStatus, StageCounts, Verdict, WaveRecord } from "../store";

export interface ReportModel {
  /** When the report was produced (the live view: now; a rehearsal: the end of virtual time). */
  generatedAt: string;
  /** The zone every time is shown in: the plan's (schedule.timeZone), or UTC on request. */
  timeZone: string;
  rollout: ReportRollout;
  waves: ReportWave[];
  stages: StageTimeline;
  gates: WaveGateSeries[];
  heldBack: HeldBackUser[];
  /** More held-back users exist than the report lists. */
  heldBackTruncated: boolean;
  audit: AuditLine[];
  /** Audit entries read (before routine health checks were folded together). */
  auditEntries: number;
  /** Service accounts and users in no wave, with the plan's handling (absent: not read). */
  outsideWaves?: OutsideWavesSection;
}

/** Service accounts and users in no wave: who, where they stand now, and why. */
export interface OutsideWavesSection {
  serviceAccounts: { action: string } | null;
  remainderRule: { action: string; reason?: string } | null;
  users: {
    userId: string;
    upn: string;
    serviceAccount: boolean;
    stage: string;
    reason: string;
    evidence?: string;
  }[];
  withoutReason: number;
}

export interface ReportRollout {
  id: string;
  status: RolloutStatus;
  statusReason?: string;
  description?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  currentWave: number;
  counts: StageCounts;
}

/** A wave as the report shows it: the status row without its storage keys. */
export type ReportWave = Omit<WaveRecord, "rolloutId" | "updatedAt" | "etag">;

export interface StagePoint {
  at: string;
  counts: StageCounts;
}

export interface StageMarker {
  at: string;
  label: string;
}

export interface StageTimeline {
  /** Users per stage after each moment something changed, oldest first. */
  points: StagePoint[];
  /** Moments worth a vertical line: each wave's enforcement. */
  markers: StageMarker[];
  /**
   * The replayed log did not end at the rollout row's counts (an old or truncated log), so a last
   * point with the row's counts was added: the end of the chart is right, the path may not be.
   */
  reconciled: boolean;
}

export interface HealthPoint {
  at: string;
  verdict: Verdict;
  decision?: string;
  reason: string;
  /** The wave's MFA-failure rate since enforcement, and the sign-ins behind it. */
  waveRate: number;
  signIns: number;
  minSignIns: number;
  /** Largest excess failure rate allowed (wave minus reference). */
  threshold: number;
  confidence: number;
  /** Excess over the wave's own report-only baseline and over the control cohort, with bounds. */
  vsBaseline: ProportionInterval | null;
  vsControl: ProportionInterval | null;
}

export interface ReadinessPoint {
  at: string;
  verdict: Verdict;
  decision?: string;
  reason: string;
  users: number;
  /** Share of users the report-only policy would have failed, with a Wilson interval. */
  predictedFailure: ProportionInterval;
  maxPredictedFailureShare: number;
  registeredShare: number;
  minRegisteredShare: number;
  confidence: number;
}

export interface WaveGateSeries {
  waveIndex: number;
  waveName: string;
  readiness: ReadinessPoint[];
  health: HealthPoint[];
}

export interface HeldBackUser {
  userId: string;
  upn: string;
  waveIndex: number;
  waveName: string;
  reason: string;
  retryAt?: string;
  retries: number;
  since: string;
}

export interface AuditLine {
  at: string;
  actor: string;
  /** The caller's display name, when a person did it. */
  actorName?: string;
  action: string;
  waveIndex?: number;
  /** The entry's details in one readable line. */
  summary: string;
  /** Routine health checks folded into this line (1 for an ordinary entry). */
  entries: number;
  /** Until when the folded run lasted (set when entries > 1). */
  until?: string;
}
