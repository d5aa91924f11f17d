import { twoSidedZ, wilsonInterval, type GateThresholds, type ProportionInterval } from "../domain";
import type { GateRecord } from "../store";
import type { HealthPoint, ReadinessPoint, WaveGateSeries } from "./report-model";

/**
 * Each wave's gate evaluations as chart series. The health gate stores its own limit and bounds
 * in the row; the readiness gate stores shares only, so its limits come from the plan and its
 * band is a Wilson interval on the share of users the report-only policy would have failed.
 */
export function gateSeries(
  gates: readonly GateRecord[],
  waves: readonly { index: number; name: string }[],
  thresholdsOf: (waveIndex: number) => GateThresholds,
): WaveGateSeries[] {
  const sorted = [...gates].sort((a, b) => (a.evaluatedAt < b.evaluatedAt ? -1 : 1));
  return waves.map((wave) => {
    const own = sorted.filter((g) => g.waveIndex === wave.index);
    const thresholds = thresholdsOf(wave.index);
    return {
      waveIndex: wave.index,
      waveName: wave.name,
      readiness: own.filter((g) => g.gate === "readiness").map((g) => readinessPoint(g, thresholds)),
      health: own.filter((g) => g.gate === "health").map((g) => healthPoint(g, thresholds)),
    };
  });
}

export function healthPoint(gate: GateRecord, thresholds: GateThresholds): HealthPoint {
  const m = gate.metrics;
  const wave = record(m.wave);
  return {
    at: gate.evaluatedAt,
    verdict: gate.verdict,
    ...(gate.decision ? { decision: gate.decision } : {}),
    reason: gate.reasons[0] ?? "",
    waveRate: num(wave.rate, 0),
    signIns: num(wave.signIns, 0),
    minSignIns: num(m.minSignIns, thresholds.health.minSignIns),
    threshold: num(m.maxExcessFailureRate, thresholds.health.maxExcessFailureRate),
    confidence: num(m.confidence, thresholds.health.confidence),
    vsBaseline: interval(m.excessVsBaseline),
    vsControl: interval(m.excessVsControl),
  };
}

export function readinessPoint(gate: GateRecord, thresholds: GateThresholds): ReadinessPoint {
  const m = gate.metrics;
  const users = Math.max(0, Math.round(num(m.users, 0)));
  const failing = Math.min(users, Math.max(0, Math.round(num(m.predictedFailureUsers, 0))));
  const confidence = thresholds.health.confidence;
  const predictedFailure =
    users === 0 ? { estimate: 0, lower: 0, upper: 0 } : wilsonInterval(failing, users, twoSidedZ(confidence));
  return {
    at: gate.evaluatedAt,
    verdict: gate.verdict,
    ...(gate.decision ? { decision: gate.decision } : {}),
    reason: gate.reasons[0] ?? "",
    users,
    predictedFailure,
    maxPredictedFailureShare: thresholds.readiness.maxPredictedFailureShare,
    registeredShare: num(m.registeredShare, users === 0 ? 1 : 0),
    minRegisteredShare: thresholds.readiness.minRegisteredShare,
    confidence,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function num(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function interval(value: unknown): ProportionInterval | null {
  const v = record(value);
  const [estimate, lower, upper] = [v.estimate, v.lower, v.upper];
  if (typeof estimate !== "number" || typeof lower !== "number" || typeof upper !== "number") return null;
  return { estimate, lower, upper };
}
