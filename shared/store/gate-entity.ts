import type { TableEntity } from "@azure/data-tables";
import { gateRowKey, isoTime } from "./keys";
import {
  DECISIONS,
  VERDICTS,
  type Decision,
  type GateRecord,
  type MetricValue,
  type Verdict,
} from "./records";

type Row = Record<string, unknown>;

export const METRIC_COLUMN_PREFIX = "metric_";
/** Well under the 252-property limit, leaving room for the fixed columns. */
const MAX_METRIC_COLUMNS = 200;
const MAX_DEPTH = 3;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Scalar metrics as columns (`metric_wave_failureRate`), so an operator reads sample sizes, rates
 * and bounds straight from the table view. Names that are not valid column names, arrays and
 * anything beyond the column budget are left to the JSON column, which stays the source of truth.
 */
export function flattenMetrics(metrics: Record<string, unknown>): Record<string, MetricValue> {
  const columns: Record<string, MetricValue> = {};
  let count = 0;
  const visit = (value: unknown, path: string, depth: number) => {
    if (count >= MAX_METRIC_COLUMNS) return;
    if (value === null || ["number", "string", "boolean"].includes(typeof value)) {
      const name = `${METRIC_COLUMN_PREFIX}${path}`;
      if (name.length <= 255) {
        columns[name] = value as MetricValue;
        count += 1;
      }
      return;
    }
    if (depth >= MAX_DEPTH || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (IDENTIFIER.test(key)) visit(child, path ? `${path}_${key}` : key, depth + 1);
    }
  };
  visit(metrics, "", 0);
  return columns;
}

export function gateToEntity(record: GateRecord): TableEntity<Row> {
  const entity: TableEntity<Row> = {
    partitionKey: record.rolloutId,
    rowKey: gateRowKey(record.waveIndex, record.evaluatedAt, record.gate),
    waveIndex: record.waveIndex,
    gate: record.gate,
    evaluatedAt: isoTime(record.evaluatedAt),
    verdict: record.verdict,
    reasons: record.reasons.join("; "),
    reasonsJson: JSON.stringify(record.reasons),
    metricsJson: JSON.stringify(record.metrics),
  };
  if (record.decision !== undefined) entity.decision = record.decision;
  for (const [column, value] of Object.entries(flattenMetrics(record.metrics))) {
    // Table Storage has no null column value; a missing column says the same thing.
    if (value !== null) entity[column] = value;
  }
  return entity;
}

export function gateFromEntity(entity: Row): GateRecord {
  const verdict = String(entity.verdict);
  if (!(VERDICTS as readonly string[]).includes(verdict)) {
    throw new Error(`gate row '${String(entity.rowKey)}' has unknown verdict '${verdict}'`);
  }
  const record: GateRecord = {
    rolloutId: String(entity.partitionKey),
    waveIndex: Number(entity.waveIndex),
    gate: String(entity.gate),
    evaluatedAt: String(entity.evaluatedAt),
    verdict: verdict as Verdict,
    reasons: JSON.parse(String(entity.reasonsJson ?? "[]")) as string[],
    metrics: JSON.parse(String(entity.metricsJson ?? "{}")) as Record<string, unknown>,
  };
  const decision = entity.decision;
  if (typeof decision === "string" && (DECISIONS as readonly string[]).includes(decision)) {
    record.decision = decision as Decision;
  }
  return record;
}
