import {
  DEFAULT_GATES,
  isFinalStatus,
  validatePlan,
  waveGates,
  type GateThresholds,
  type UserStage,
} from "../domain";
import type { AuditEntry, GateRecord, RolloutRecord, UserRecord, WaveRecord } from "../store";
import { auditTimeline } from "./audit-timeline";
import { gateSeries } from "./gate-series";
import type { HeldBackUser, OutsideWavesSection, ReportModel } from "./report-model";
import { stageTimeline } from "./stage-timeline";
import { displayZone, timeFormat } from "./zoned-time";

/** The rows the report is made of, as the store returns them. */
export interface ReportRows {
  rollout: RolloutRecord;
  waves: readonly WaveRecord[];
  gates: readonly GateRecord[];
  /** Oldest first. */
  audit: readonly AuditEntry[];
  heldBack: readonly UserRecord[];
  heldBackTruncated: boolean;
  excluded: readonly UserRecord[];
  generatedAt: string;
  /** Show times in UTC rather than the plan's zone. */
  utc?: boolean;
  outsideWaves?: OutsideWavesSection;
}

/** Pure: the same rows always give the same report. */
export function buildReportModel(rows: ReportRows): ReportModel {
  const { rollout } = rows;
  const waves = [...rows.waves].sort((a, b) => a.index - b.index);
  const waveNames = new Map(waves.map((w) => [w.index, w.name]));
  const thresholdsOf = planThresholds(rollout.plan);
  const before = new Map<string, UserStage>(
    rows.excluded.flatMap((u) =>
      u.stageBeforeExclusion ? [[u.userId, u.stageBeforeExclusion] as const] : [],
    ),
  );
  const timeZone = displayZone(rollout.plan, rows.utc);
  return {
    generatedAt: rows.generatedAt,
    timeZone,
    rollout: {
      id: rollout.id,
      status: rollout.status,
      ...(rollout.statusReason ? { statusReason: rollout.statusReason } : {}),
      ...descriptionOf(rollout.plan),
      createdBy: rollout.createdBy,
      createdAt: rollout.createdAt,
      updatedAt: rollout.updatedAt,
      currentWave: rollout.currentWave,
      counts: { ...rollout.counts },
    },
    waves: waves.map((w) => ({
      index: w.index,
      name: w.name,
      phase: w.phase,
      planned: w.planned,
      enforced: w.enforced,
      heldBack: w.heldBack,
      excluded: w.excluded,
      ...(w.observeStartedAt ? { observeStartedAt: w.observeStartedAt } : {}),
      ...(w.observeEndsAt ? { observeEndsAt: w.observeEndsAt } : {}),
      ...(w.bakeStartedAt ? { bakeStartedAt: w.bakeStartedAt } : {}),
      ...(w.bakeEndsAt ? { bakeEndsAt: w.bakeEndsAt } : {}),
      extensions: w.extensions,
      ...(w.lastDecision ? { lastDecision: { ...w.lastDecision } } : {}),
    })),
    stages: stageTimeline({
      audit: rows.audit,
      finalCounts: rollout.counts,
      stageBeforeExclusion: before,
      waveNames,
      // A finished rollout's chart ends when it finished; a live one runs up to now.
      until: isFinalStatus(rollout.status) ? (rows.audit.at(-1)?.at ?? rollout.updatedAt) : rows.generatedAt,
    }),
    gates: gateSeries(rows.gates, waves, thresholdsOf),
    heldBack: rows.heldBack.map((u) => heldBackUser(u, waveNames)).sort(byWaveThenName),
    heldBackTruncated: rows.heldBackTruncated,
    audit: auditTimeline(rows.audit, timeFormat(timeZone)),
    auditEntries: rows.audit.length,
    ...(rows.outsideWaves ? { outsideWaves: rows.outsideWaves } : {}),
  };
}

function heldBackUser(user: UserRecord, waveNames: ReadonlyMap<number, string>): HeldBackUser {
  return {
    userId: user.userId,
    upn: user.upn,
    waveIndex: user.waveIndex,
    waveName: waveNames.get(user.waveIndex) ?? (user.waveIndex < 0 ? "no wave" : `wave ${user.waveIndex}`),
    reason: user.reason ?? "",
    ...(user.retryAt ? { retryAt: user.retryAt } : {}),
    retries: user.retries ?? 0,
    since: user.updatedAt,
  };
}

function byWaveThenName(a: HeldBackUser, b: HeldBackUser): number {
  return a.waveIndex - b.waveIndex || (a.upn || a.userId).localeCompare(b.upn || b.userId);
}

/** Readiness limits live in the plan; a plan that no longer validates falls back to the defaults. */
function planThresholds(plan: unknown): (waveIndex: number) => GateThresholds {
  const validation = validatePlan(plan);
  if (!validation.ok) return () => DEFAULT_GATES;
  return (waveIndex) =>
    waveIndex >= 0 && waveIndex < validation.plan.waves.length
      ? waveGates(validation.plan, waveIndex)
      : DEFAULT_GATES;
}

function descriptionOf(plan: unknown): { description?: string } {
  const description = (plan as { description?: unknown } | null)?.description;
  return typeof description === "string" && description.trim() !== "" ? { description } : {};
}
