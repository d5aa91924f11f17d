import { odata, type TableEntity } from "@azure/data-tables";
import { assertKeyPart, isoTime, userPartitionKey, userPartitionRange } from "./keys";
import { USER_STAGES, type UserRecord, type UserStage } from "./records";

type Row = Record<string, unknown>;

const OPTIONAL = ["reason", "retryAt", "exclusionExpiresAt"] as const;

export function userToEntity(rolloutId: string, record: UserRecord): TableEntity<Row> {
  const entity: TableEntity<Row> = {
    partitionKey: userPartitionKey(rolloutId, assertKeyPart(record.userId, "user id")),
    rowKey: record.userId,
    upn: record.upn,
    waveIndex: record.waveIndex,
    stage: record.stage,
    updatedAt: record.updatedAt,
  };
  if (record.reason !== undefined) entity.reason = record.reason;
  // Times are normalised so range filters (retryAt le now) compare correctly as strings.
  if (record.retryAt !== undefined) entity.retryAt = isoTime(record.retryAt);
  if (record.exclusionExpiresAt !== undefined) entity.exclusionExpiresAt = isoTime(record.exclusionExpiresAt);
  if (record.stageBeforeExclusion !== undefined) entity.stageBeforeExclusion = record.stageBeforeExclusion;
  if (record.retries !== undefined) entity.retries = record.retries;
  return entity;
}

export function userFromEntity(entity: Row): UserRecord {
  const stage = String(entity.stage);
  if (!(USER_STAGES as readonly string[]).includes(stage)) {
    throw new Error(`user row '${String(entity.rowKey)}' has unknown stage '${stage}'`);
  }
  const record: UserRecord = {
    userId: String(entity.rowKey),
    upn: String(entity.upn ?? ""),
    waveIndex: Number(entity.waveIndex ?? 0),
    stage: stage as UserStage,
    updatedAt: String(entity.updatedAt ?? ""),
  };
  for (const column of OPTIONAL) {
    const value = entity[column];
    if (typeof value === "string") record[column] = value;
  }
  const before = entity.stageBeforeExclusion;
  if (typeof before === "string" && (USER_STAGES as readonly string[]).includes(before)) {
    record.stageBeforeExclusion = before as UserStage;
  }
  if (typeof entity.retries === "number") record.retries = entity.retries;
  return record;
}

export interface UserQuery {
  /** One stage, or any of several. */
  stage?: UserStage | readonly UserStage[];
  waveIndex?: number;
  /** Only users whose exclusion ends at or before this time. */
  exclusionExpiresBy?: Date | string;
  /** Only users whose retry date is at or before this time. */
  retryDueBy?: Date | string;
}

/** The server-side filter for a user query; values are escaped by the odata template. */
export function userQueryFilter(rolloutId: string, query: UserQuery = {}): string {
  const { first, last } = userPartitionRange(rolloutId);
  const parts = [odata`PartitionKey ge ${first} and PartitionKey le ${last}`];
  if (query.stage !== undefined) {
    const stages: readonly UserStage[] = typeof query.stage === "string" ? [query.stage] : query.stage;
    if (stages.length === 0) throw new Error("stage filter needs at least one stage");
    parts.push(`(${stages.map((stage) => odata`stage eq ${stage}`).join(" or ")})`);
  }
  if (query.waveIndex !== undefined) parts.push(odata`waveIndex eq ${query.waveIndex}`);
  if (query.exclusionExpiresBy !== undefined) {
    parts.push(odata`exclusionExpiresAt le ${isoTime(query.exclusionExpiresBy)}`);
  }
  if (query.retryDueBy !== undefined) parts.push(odata`retryAt le ${isoTime(query.retryDueBy)}`);
  return parts.join(" and ");
}
