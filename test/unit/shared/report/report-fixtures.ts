import { samplePlanInput } from "../../../fixtures/sample-plan";
import type { ReportRows } from "../../../../shared/report";
import {
  emptyStageCounts,
  type AuditEntry,
  type GateRecord,
  type RolloutRecord,
  type StageCounts,
  type UserRecord,
  type WaveRecord,
} from "../../../../shared/store";

export const ROLLOUT_ID = "mfa-all-staff-2026";

export function counts(partial: Partial<StageCounts>): StageCounts {
  return { ...emptyStageCounts(), ...partial };
}

let sequence = 0;
export function audit(
  at: string,
  action: string,
  details?: unknown,
  extra: Partial<AuditEntry> = {},
): AuditEntry {
  sequence += 1;
  return {
    rolloutId: ROLLOUT_ID,
    at,
    actor: "system:engine",
    action,
    ...(details === undefined ? {} : { details }),
    rowKey: `${at}-${sequence}`,
    ...extra,
  };
}

export function rollout(partial: Partial<RolloutRecord> = {}): RolloutRecord {
  return {
    id: ROLLOUT_ID,
    status: "running",
    plan: samplePlanInput(),
    currentWave: 0,
    createdBy: "admin@contoso.test",
    createdAt: "2026-01-05T07:00:00.000Z",
    updatedAt: "2026-01-05T07:00:00.000Z",
    counts: emptyStageCounts(),
    ...partial,
  };
}

export function wave(index: number, partial: Partial<WaveRecord> = {}): WaveRecord {
  return {
    rolloutId: ROLLOUT_ID,
    index,
    name: ["pilot", "core", "extended"][index] ?? `w${index}`,
    phase: "pending",
    planned: 10,
    enforced: 0,
    heldBack: 0,
    excluded: 0,
    extensions: 0,
    updatedAt: "2026-01-05T07:00:00.000Z",
    ...partial,
  };
}

export function healthGate(waveIndex: number, at: string, partial: Partial<GateRecord> = {}): GateRecord {
  return {
    rolloutId: ROLLOUT_ID,
    waveIndex,
    gate: "health",
    evaluatedAt: at,
    verdict: "Pass",
    decision: "proceed",
    reasons: ["healthy so far"],
    metrics: {
      wave: { signIns: 400, failures: 2, rate: 0.005 },
      baseline: { signIns: 300, failures: 1, rate: 1 / 300 },
      control: { signIns: 900, failures: 3, rate: 1 / 300 },
      excessVsBaseline: { estimate: 0.0017, lower: -0.006, upper: 0.011 },
      excessVsControl: { estimate: 0.0017, lower: -0.004, upper: 0.009 },
      minSignIns: 200,
      maxExcessFailureRate: 0.02,
      confidence: 0.95,
    },
    ...partial,
  };
}

export function readinessGate(waveIndex: number, at: string, partial: Partial<GateRecord> = {}): GateRecord {
  return {
    rolloutId: ROLLOUT_ID,
    waveIndex,
    gate: "readiness",
    evaluatedAt: at,
    verdict: "Pass",
    decision: "proceed",
    reasons: ["ready"],
    metrics: {
      users: 20,
      registered: 20,
      registeredShare: 1,
      predictedFailureUsers: 1,
      predictedFailureShare: 0.05,
    },
    ...partial,
  };
}

export function user(userId: string, partial: Partial<UserRecord> = {}): UserRecord {
  return {
    userId,
    upn: `${userId}@contoso.test`,
    waveIndex: 0,
    stage: "heldBack",
    updatedAt: "2026-01-10T08:00:00.000Z",
    ...partial,
  };
}

/** A rollout that has set up 30 users, enforced its pilot of 10 and held two of them back. */
export function pilotRows(partial: Partial<ReportRows> = {}): ReportRows {
  return {
    rollout: rollout({ counts: counts({ reportOnly: 20, enforced: 8, heldBack: 2 }), currentWave: 0 }),
    waves: [
      wave(0, { phase: "bake", enforced: 8, heldBack: 2, bakeStartedAt: "2026-01-08T08:00:00.000Z" }),
      wave(1),
    ],
    gates: [
      readinessGate(0, "2026-01-08T07:00:00.000Z"),
      healthGate(0, "2026-01-09T08:00:00.000Z", { verdict: "Pending" }),
      healthGate(0, "2026-01-10T08:00:00.000Z", { decision: "shrink" }),
    ],
    audit: [
      audit("2026-01-05T07:00:00.000Z", "setup", { population: 30, waves: [{ name: "pilot", users: 10 }] }),
      audit(
        "2026-01-08T08:00:00.000Z",
        "wave:enforce",
        { enforced: 10, notFound: [], requests: 1 },
        { waveIndex: 0 },
      ),
      audit(
        "2026-01-10T08:00:00.000Z",
        "decision:shrink",
        { verdict: "Pass", reason: "holding back 2 users", heldBack: [{ userId: "u1" }, { userId: "u2" }] },
        { actor: "system:health-gate", waveIndex: 0 },
      ),
    ],
    heldBack: [
      user("u2", { reason: "Contoso Invoicing on iOS" }),
      user("u1", { reason: "no MFA method registered" }),
    ],
    heldBackTruncated: false,
    excluded: [],
    generatedAt: "2026-01-11T00:00:00.000Z",
    ...partial,
  };
}
