import type { TableEntity } from "@azure/data-tables";
import { parseWaveRowKey, waveRowKey } from "./keys";
import { InvalidStoreInputError } from "./errors";
import { DECISIONS, isWavePhase, type Decision, type WavePhase, type WaveRecord } from "./records";

type Row = Record<string, unknown>;

const OPTIONAL_TIMES = [
  "observeStartedAt",
  "observeEndsAt",
  "bakeStartedAt",
  "bakeEndsAt",
  "watchUntil",
] as const;

export function waveToEntity(record: WaveRecord): TableEntity<Row> {
  const entity: TableEntity<Row> = {
    partitionKey: record.rolloutId,
    rowKey: waveRowKey(record.index),
    waveIndex: record.index,
    name: record.name,
    phase: record.phase,
    planned: record.planned,
    enforced: record.enforced,
    heldBack: record.heldBack,
    excluded: record.excluded,
    extensions: record.extensions,
    updatedAt: record.updatedAt,
  };
  for (const column of OPTIONAL_TIMES) {
    const value = record[column];
    if (value !== undefined) entity[column] = value;
  }
  if (record.untested !== undefined) entity.untested = JSON.stringify(record.untested);
  // Flat columns, so the last gate outcome is visible in the table view.
  if (record.lastDecision) {
    entity.lastDecision = record.lastDecision.decision;
    entity.lastDecisionAt = record.lastDecision.at;
    if (record.lastDecision.reason !== undefined) entity.lastDecisionReason = record.lastDecision.reason;
  }
  return entity;
}

/** A phase the engine never writes means the row was edited by hand or by other code: say so. */
function phaseOf(value: unknown): WavePhase {
  const phase = String(value ?? "");
  if (!isWavePhase(phase)) throw new InvalidStoreInputError(`unknown wave phase '${phase}'`);
  return phase;
}

export function waveFromEntity(entity: Row & { etag?: string }): WaveRecord {
  const record: WaveRecord = {
    rolloutId: String(entity.partitionKey),
    index: parseWaveRowKey(String(entity.rowKey)),
    name: String(entity.name ?? ""),
    phase: phaseOf(entity.phase),
    planned: Number(entity.planned ?? 0),
    enforced: Number(entity.enforced ?? 0),
    heldBack: Number(entity.heldBack ?? 0),
    excluded: Number(entity.excluded ?? 0),
    extensions: Number(entity.extensions ?? 0),
    updatedAt: String(entity.updatedAt ?? ""),
  };
  for (const column of OPTIONAL_TIMES) {
    const value = entity[column];
    if (typeof value === "string") record[column] = value;
  }
  if (typeof entity.untested === "string") record.untested = parseUntested(entity.untested);
  const decision = entity.lastDecision;
  if (typeof decision === "string" && (DECISIONS as readonly string[]).includes(decision)) {
    record.lastDecision = { decision: decision as Decision, at: String(entity.lastDecisionAt ?? "") };
    if (typeof entity.lastDecisionReason === "string") record.lastDecision.reason = entity.lastDecisionReason;
  }
  if (typeof entity.etag === "string") record.etag = entity.etag;
  return record;
}

function parseUntested(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
