import { USER_STAGES, type UserStage } from "../domain";
import { emptyStageCounts, type AuditEntry, type StageCounts } from "../store";
import type { StageMarker, StagePoint, StageTimeline } from "./report-model";

export interface StageTimelineInput {
  /** The rollout's audit log, oldest first. */
  audit: readonly AuditEntry[];
  /** The rollout row's counts now: the replay must end there. */
  finalCounts: StageCounts;
  /** Currently excluded users and the stage they were in before (the users table knows). */
  stageBeforeExclusion: ReadonlyMap<string, UserStage>;
  waveNames: ReadonlyMap<number, string>;
  /** Extend the last stage to this time (a running rollout: now). */
  until?: string;
}

type Move = { from: UserStage; to: UserStage; users: number };

/**
 * Users by stage over time, replayed from the audit log. No table keeps stage history, but every
 * stage change the engine or an admin makes writes an audit entry saying how many users moved
 * (or which ones), and the moves are order-independent within one instant, so counts can be
 * rebuilt. Where the log cannot say (an exclusion's previous stage), the users table fills in.
 */
export function stageTimeline(input: StageTimelineInput): StageTimeline {
  const excluded = new Set<string>();
  const endStages = exclusionEndStages(input.audit);
  const counts = emptyStageCounts();
  const points: StagePoint[] = [];
  const markers: StageMarker[] = [];

  const byTime = groupByTime(input.audit);
  for (const [at, entries] of byTime) {
    let changed = false;
    for (const entry of entries) {
      if (entry.action === "setup") {
        const population = setupPopulation(entry.details);
        if (population === undefined) continue;
        Object.assign(counts, emptyStageCounts(), { reportOnly: population });
        changed = true;
        continue;
      }
      if (entry.action === "wave:enforce" && entry.waveIndex !== undefined) {
        const name = input.waveNames.get(entry.waveIndex) ?? `wave ${entry.waveIndex}`;
        markers.push({ at, label: `${name} enforced` });
      }
      for (const move of movesOf(entry, excluded, endStages, input.stageBeforeExclusion)) {
        if (move.users <= 0 || move.from === move.to) continue;
        counts[move.from] -= move.users;
        counts[move.to] += move.users;
        changed = true;
      }
    }
    if (changed) points.push({ at, counts: clampCounts(counts) });
  }

  let reconciled = false;
  const last = points.at(-1);
  const lastAt = last?.at ?? input.until;
  if (!last || !sameCounts(last.counts, input.finalCounts)) {
    if (lastAt !== undefined && !isEmpty(input.finalCounts)) {
      points.push({ at: laterOf(lastAt, input.until), counts: { ...input.finalCounts } });
      reconciled = last !== undefined;
    }
  } else if (input.until !== undefined && input.until > last.at) {
    points.push({ at: input.until, counts: { ...last.counts } });
  }
  return { points, markers, reconciled };
}

function movesOf(
  entry: AuditEntry,
  excluded: Set<string>,
  endStages: Map<AuditEntry, UserStage>,
  before: ReadonlyMap<string, UserStage>,
): Move[] {
  const details = asRecord(entry.details);
  switch (entry.action) {
    case "wave:enforce": {
      const enforced = numberOf(details.enforced);
      const notFound = listOf(details.notFound).length;
      return [
        { from: "reportOnly", to: "enforced", users: enforced },
        { from: "reportOnly", to: "heldBack", users: notFound },
      ];
    }
    case "decision:shrink": {
      // Readiness holds back users before enforcement; the health gate takes enforced users out.
      const from: UserStage = entry.actor === "system:readiness-gate" ? "reportOnly" : "enforced";
      return [{ from, to: "heldBack", users: listOf(details.heldBack).length }];
    }
    case "held-back:retry":
      return [{ from: "heldBack", to: "enforced", users: listOf(details.enforced).length }];
    case "wave:step-back":
      return [{ from: "enforced", to: "heldBack", users: numberOf(details.users) }];
    case "exclusion:add": {
      const userId = String(details.userId ?? "");
      if (excluded.has(userId)) return []; // a renewed exclusion moves nobody
      excluded.add(userId);
      // Newer entries say where the user was; older ones leave it to the exclusion's end or the table.
      const was = isStage(details.was) && details.was !== "excluded" ? details.was : undefined;
      const from = was ?? before.get(userId) ?? endStages.get(entry) ?? "reportOnly";
      return [{ from, to: "excluded", users: 1 }];
    }
    case "exclusion:end": {
      const userId = String(details.userId ?? "");
      if (!excluded.delete(userId)) return [];
      return [{ from: "excluded", to: stageOf(details.stage), users: 1 }];
    }
    default:
      return [];
  }
}

/**
 * An exclusion usually returns the user to where they were, so the stage its end names is the
 * best guess for entries written before exclusions recorded the stage they came from.
 */
function exclusionEndStages(audit: readonly AuditEntry[]): Map<AuditEntry, UserStage> {
  const open = new Map<string, AuditEntry>();
  const stages = new Map<AuditEntry, UserStage>();
  for (const entry of audit) {
    const details = asRecord(entry.details);
    const userId = String(details.userId ?? "");
    if (entry.action === "exclusion:add" && !open.has(userId)) open.set(userId, entry);
    if (entry.action === "exclusion:end") {
      const started = open.get(userId);
      if (started) stages.set(started, stageOf(details.stage));
      open.delete(userId);
    }
  }
  return stages;
}

function groupByTime(audit: readonly AuditEntry[]): Map<string, AuditEntry[]> {
  const groups = new Map<string, AuditEntry[]>();
  for (const entry of [...audit].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    const group = groups.get(entry.at);
    if (group) group.push(entry);
    else groups.set(entry.at, [entry]);
  }
  return groups;
}

function setupPopulation(details: unknown): number | undefined {
  const population = asRecord(details).population;
  return typeof population === "number" && population >= 0 ? population : undefined;
}

function isStage(value: unknown): value is UserStage {
  return (USER_STAGES as readonly unknown[]).includes(value);
}

function stageOf(value: unknown): UserStage {
  return isStage(value) ? value : "reportOnly";
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function numberOf(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function clampCounts(counts: StageCounts): StageCounts {
  const copy = emptyStageCounts();
  for (const stage of USER_STAGES) copy[stage] = Math.max(0, counts[stage]);
  return copy;
}

function sameCounts(a: StageCounts, b: StageCounts): boolean {
  return USER_STAGES.every((stage) => a[stage] === b[stage]);
}

function isEmpty(counts: StageCounts): boolean {
  return USER_STAGES.every((stage) => counts[stage] === 0);
}

function laterOf(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}
