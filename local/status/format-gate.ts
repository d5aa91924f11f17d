import { percent } from "../../shared/report/format";
import { timeFormat, UTC, type TimeFormat } from "../../shared/report/zoned-time";
import type { GateLine } from "./status-model";

type Metrics = Record<string, unknown>;

const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
const obj = (value: unknown): Metrics | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Metrics) : undefined;

function cohort(label: string, value: unknown): string | undefined {
  const m = obj(value);
  const signIns = num(m?.signIns);
  const rate = num(m?.rate);
  if (signIns === undefined || rate === undefined) return undefined;
  return `${label} ${percent(rate)} of ${signIns} sign-ins`;
}

function bounds(label: string, value: unknown): string | undefined {
  const m = obj(value);
  const [estimate, lower, upper] = [num(m?.estimate), num(m?.lower), num(m?.upper)];
  if (estimate === undefined || lower === undefined || upper === undefined) return undefined;
  return `${label} ${percent(estimate)} (${percent(lower)} to ${percent(upper)})`;
}

/**
 * The numbers behind a verdict in one line: sample sizes and MFA-failure rates for a health gate,
 * registration and predicted failures for a readiness gate, the first few scalars otherwise.
 */
export function gateMetricsLine(metrics: Metrics): string {
  const health = [
    cohort("wave", metrics.wave),
    cohort("baseline", metrics.baseline),
    cohort("control", metrics.control),
    bounds("excess vs baseline", metrics.excessVsBaseline),
    bounds("vs control", metrics.excessVsControl),
  ].filter((part): part is string => part !== undefined);
  if (health.length > 0) {
    if (metrics.systemic === true) health.push("systemic");
    return health.join(" · ");
  }
  const users = num(metrics.users);
  const registered = num(metrics.registered);
  if (users !== undefined && registered !== undefined) {
    const predicted = num(metrics.predictedFailureShare);
    const candidates = num(metrics.holdBackCandidates);
    return [
      `${registered} of ${users} users registered for MFA`,
      predicted === undefined ? undefined : `report-only predicts failures for ${percent(predicted)}`,
      candidates === undefined ? undefined : `${candidates} to hold back`,
    ]
      .filter((part): part is string => part !== undefined)
      .join(" · ");
  }
  return Object.entries(metrics)
    .filter(([, value]) => ["number", "string", "boolean"].includes(typeof value))
    .slice(0, 6)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(" · ");
}

export function formatGate(gate: GateLine, time: TimeFormat = timeFormat(UTC)): string[] {
  const decision = gate.decision ? ` → ${gate.decision}` : "";
  const lines = [`${gate.wave} · ${gate.gate} gate at ${time(gate.evaluatedAt)}: ${gate.verdict}${decision}`];
  const numbers = gateMetricsLine(gate.metrics);
  if (numbers) lines.push(`  ${numbers}`);
  const [reason] = gate.reasons;
  if (reason) lines.push(`  ${reason}`);
  return lines;
}
