import type { TableEntity } from "@azure/data-tables";
import { isoTime, ROLLOUTS_PARTITION } from "./keys";
import { joinStringProperty, splitStringProperty } from "./entity-size";
import { ROLLOUT_STATUSES, type RolloutRecord, type RolloutStatus, type StageCounts } from "./records";

type Row = Record<string, unknown>;

/** Stage counts as separate columns, so an operator sees progress without parsing JSON. */
const COUNT_COLUMNS: Record<keyof StageCounts, string> = {
  pending: "countPending",
  reportOnly: "countReportOnly",
  heldBack: "countHeldBack",
  excluded: "countExcluded",
  enforced: "countEnforced",
};

const OPTIONAL_STRINGS = [
  "statusReason",
  "enforcedGroupId",
  "excludedGroupId",
  "reportOnlyPolicyId",
  "enforcedPolicyId",
  "reportOnlyPolicyFingerprint",
  "enforcedPolicyFingerprint",
  "reportOnlySince",
  "activeWaveInstanceId",
  "exclusionsDueAt",
  "orchestrationVersion",
] as const satisfies readonly (keyof RolloutRecord)[];

export function rolloutToEntity(record: RolloutRecord): TableEntity<Row> {
  const entity: TableEntity<Row> = {
    partitionKey: ROLLOUTS_PARTITION,
    rowKey: record.id,
    status: record.status,
    currentWave: record.currentWave,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  for (const column of OPTIONAL_STRINGS) {
    const value = record[column];
    if (value !== undefined) entity[column] = value;
  }
  // Normalised so "due by" range filters compare times correctly as strings.
  if (record.exclusionsDueAt !== undefined) entity.exclusionsDueAt = isoTime(record.exclusionsDueAt);
  for (const [stage, column] of Object.entries(COUNT_COLUMNS)) {
    entity[column] = record.counts[stage as keyof StageCounts];
  }
  Object.assign(entity, splitStringProperty("plan", JSON.stringify(record.plan ?? null)));
  return entity;
}

function text(entity: Row, column: string): string {
  const value = entity[column];
  if (typeof value !== "string") throw new Error(`rollout row has no text column '${column}'`);
  return value;
}

export function rolloutFromEntity(entity: Row & { etag?: string }): RolloutRecord {
  const status = text(entity, "status");
  if (!(ROLLOUT_STATUSES as readonly string[]).includes(status)) {
    throw new Error(`rollout row has unknown status '${status}'`);
  }
  const plan = joinStringProperty("plan", entity);
  const counts = {} as StageCounts;
  for (const [stage, column] of Object.entries(COUNT_COLUMNS)) {
    counts[stage as keyof StageCounts] = Number(entity[column] ?? 0);
  }
  const record: RolloutRecord = {
    id: text(entity, "rowKey"),
    status: status as RolloutStatus,
    plan: plan === undefined ? null : JSON.parse(plan),
    currentWave: Number(entity.currentWave ?? 0),
    createdBy: text(entity, "createdBy"),
    createdAt: text(entity, "createdAt"),
    updatedAt: text(entity, "updatedAt"),
    counts,
  };
  for (const column of OPTIONAL_STRINGS) {
    const value = entity[column];
    if (typeof value === "string") record[column] = value;
  }
  if (typeof entity.etag === "string") record.etag = entity.etag;
  return record;
}
