import { displayZone } from "../../shared/report/zoned-time";
import type {
  Decision,
  GateRecord,
  RolloutRecord,
  RolloutStatus,
  StageCounts,
  StatusStore,
  Verdict,
  WaveRecord,
} from "../../shared/store";

/** One line of `npm run status`: a rollout at a glance. */
export interface RolloutLine {
  id: string;
  status: RolloutStatus;
  statusReason?: string;
  /** 1-based for people; null when the plan cannot be read. */
  wave: { number: number; of: number; name: string } | null;
  counts: StageCounts;
  updatedAt: string;
  /** The plan's zone (schedule.timeZone), the one its times are shown in; UTC if unreadable. */
  timeZone: string;
}

/** One wave's line: its counts and last decision, as the status row holds them. */
export type WaveLine = Pick<
  WaveRecord,
  | "index"
  | "name"
  | "phase"
  | "planned"
  | "enforced"
  | "heldBack"
  | "excluded"
  | "extensions"
  | "lastDecision"
>;

export interface UserLine {
  userId: string;
  upn: string;
  wave: string;
  reason: string;
  /** Held back: when they are tried again; excluded: when the exclusion ends. */
  until?: string;
}

export interface GateLine {
  wave: string;
  gate: string;
  evaluatedAt: string;
  verdict: Verdict;
  decision?: Decision;
  reasons: string[];
  metrics: Record<string, unknown>;
}

/** `npm run status -- <id>`: the rollout, its waves, who is held back or excluded, the last gates. */
export interface RolloutDetail {
  rollout: RolloutLine & {
    createdBy: string;
    createdAt: string;
    /** The orchestrators' replay contract the rollout started under ("1" when not recorded). */
    orchestrationVersion: string;
  };
  waves: WaveLine[];
  heldBack: UserLine[];
  excluded: UserLine[];
  lastGates: GateLine[];
}

/** How many users of a stage to list before saying "and N more". */
export const MAX_LISTED_USERS = 200;

export async function loadRolloutLines(store: StatusStore, limit = 500): Promise<RolloutLine[]> {
  const rollouts = await store.rollouts.list({ limit });
  return rollouts.map(rolloutLine);
}

export async function loadRolloutDetail(store: StatusStore, rolloutId: string): Promise<RolloutDetail> {
  const record = await store.rollouts.get(rolloutId);
  const waves = await store.waves.list(rolloutId);
  const names = new Map(waves.map((w) => [w.index, w.name]));
  const waveName = (index: number) => (index < 0 ? "(no wave)" : (names.get(index) ?? `wave ${index + 1}`));
  const users = async (stage: "heldBack" | "excluded") =>
    (await store.users.list(rolloutId, { stage }, MAX_LISTED_USERS)).map((u): UserLine => ({
      userId: u.userId,
      upn: u.upn,
      wave: waveName(u.waveIndex),
      reason: u.reason ?? "",
      ...((stage === "heldBack" ? u.retryAt : u.exclusionExpiresAt)
        ? { until: (stage === "heldBack" ? u.retryAt : u.exclusionExpiresAt) as string }
        : {}),
    }));
  const lastGates: GateLine[] = [];
  for (const wave of waves) {
    const gate = await store.gates.latest(rolloutId, wave.index);
    if (gate) lastGates.push(gateLine(gate, waveName(gate.waveIndex)));
  }
  return {
    rollout: {
      ...rolloutLine(record),
      createdBy: record.createdBy,
      createdAt: record.createdAt,
      orchestrationVersion: record.orchestrationVersion ?? "1",
    },
    waves: waves.map((w) => ({
      index: w.index,
      name: w.name,
      phase: w.phase,
      planned: w.planned,
      enforced: w.enforced,
      heldBack: w.heldBack,
      excluded: w.excluded,
      extensions: w.extensions,
      ...(w.lastDecision ? { lastDecision: w.lastDecision } : {}),
    })),
    heldBack: await users("heldBack"),
    excluded: await users("excluded"),
    lastGates,
  };
}

function rolloutLine(record: RolloutRecord): RolloutLine {
  const names = waveNames(record.plan);
  const name = names[record.currentWave];
  return {
    id: record.id,
    status: record.status,
    ...(record.statusReason ? { statusReason: record.statusReason } : {}),
    wave: name === undefined ? null : { number: record.currentWave + 1, of: names.length, name },
    counts: { ...record.counts },
    updatedAt: record.updatedAt,
    timeZone: displayZone(record.plan),
  };
}

function gateLine(gate: GateRecord, wave: string): GateLine {
  return {
    wave,
    gate: gate.gate,
    evaluatedAt: gate.evaluatedAt,
    verdict: gate.verdict,
    ...(gate.decision ? { decision: gate.decision } : {}),
    reasons: gate.reasons,
    metrics: gate.metrics,
  };
}

/** Wave names from the stored plan; tolerant, because a status view must show even a broken row. */
function waveNames(plan: unknown): string[] {
  const waves = (plan as { waves?: unknown } | null)?.waves;
  if (!Array.isArray(waves)) return [];
  return waves.map((w, i) => {
    const name = (w as { name?: unknown } | null)?.name;
    return typeof name === "string" ? name : `wave ${i + 1}`;
  });
}
