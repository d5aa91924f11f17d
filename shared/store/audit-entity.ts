import type { TableEntity } from "@azure/data-tables";
import type { AuditEntry } from "./records";

type Row = Record<string, unknown>;

export function auditToEntity(entry: AuditEntry): TableEntity<Row> {
  const entity: TableEntity<Row> = {
    partitionKey: entry.rolloutId,
    rowKey: entry.rowKey,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
  };
  if (entry.actorId !== undefined) entity.actorId = entry.actorId;
  if (entry.actorName !== undefined) entity.actorName = entry.actorName;
  if (entry.details !== undefined) entity.details = JSON.stringify(entry.details);
  if (entry.waveIndex !== undefined) entity.waveIndex = entry.waveIndex;
  if (entry.idempotencyKey !== undefined) entity.idempotencyKey = entry.idempotencyKey;
  return entity;
}

export function auditFromEntity(entity: Row): AuditEntry {
  const entry: AuditEntry = {
    rolloutId: String(entity.partitionKey),
    rowKey: String(entity.rowKey),
    at: String(entity.at),
    actor: String(entity.actor),
    action: String(entity.action),
  };
  if (typeof entity.actorId === "string") entry.actorId = entity.actorId;
  if (typeof entity.actorName === "string") entry.actorName = entity.actorName;
  if (typeof entity.details === "string") entry.details = JSON.parse(entity.details);
  if (typeof entity.waveIndex === "number") entry.waveIndex = entity.waveIndex;
  if (typeof entity.idempotencyKey === "string") entry.idempotencyKey = entity.idempotencyKey;
  return entry;
}
