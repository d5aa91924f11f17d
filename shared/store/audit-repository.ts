import { randomBytes } from "node:crypto";
import { odata, type TableClient } from "@azure/data-tables";
import { auditFromEntity, auditToEntity } from "./audit-entity";
import type { Clock } from "../clock";
import { assertEntityFits } from "./entity-size";
import { AlreadyExistsError, InvalidStoreInputError, restStatus, translateError } from "./errors";
import {
  AUDIT_MARKER_PREFIX,
  assertIdempotencyKey,
  assertKeyPart,
  auditMarkerRowKey,
  auditRowKey,
  isoTime,
} from "./keys";
import type { AuditEntry, AuditInput } from "./records";
import { newOutboxEntity, type OutboxRequest } from "./notification-outbox";
import { findEntity, iterateEntities, take } from "./table-ops";
import { redactSecrets, redactString } from "../auth/redact";
import { stripControlDeep } from "../text/terminal-safe";

export interface AppendResult {
  entry: AuditEntry;
  /** False when the idempotency key had already been used: the earlier entry is returned. */
  created: boolean;
}

/** A principal name / object id or "system:<component>": one token, so the column stays filterable. */
const ACTOR = /^\S{1,256}$/;
/** Entra object ids are GUIDs; one token of bounded length is all the column needs to promise. */
const ACTOR_ID = /^\S{1,128}$/;
// Display names may hold spaces and any script, but not control characters (they garble a log view).
// eslint-disable-next-line no-control-regex
const ACTOR_NAME = /^[^\u0000-\u001f\u007f]{1,256}$/;

/**
 * The audit table: append-only, PartitionKey = rollout id, RowKey `${at}-${suffix}` so a
 * rollout's partition reads as a log. Entries are never updated or deleted by the app.
 */
export class AuditRepository {
  constructor(
    private readonly client: TableClient,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an entry. With an idempotencyKey the write happens at most once per key and rollout,
   * even if a retried activity computes a different `at`: the entry and a marker row keyed by the
   * idempotency key are created in one transaction, and a second attempt fails on the marker.
   * With `notify` (which needs the key) the notification's outbox row joins that transaction.
   */
  async append(rolloutId: string, input: AuditInput, notify?: OutboxRequest): Promise<AppendResult> {
    assertKeyPart(rolloutId, "rollout id");
    if (!input.action) throw new InvalidStoreInputError("audit entries need an action");
    if (!ACTOR.test(input.actor ?? "")) {
      throw new InvalidStoreInputError(
        `audit actor '${input.actor}' must be a principal or "system:<component>"`,
      );
    }
    if (input.actorId !== undefined && !ACTOR_ID.test(input.actorId)) {
      throw new InvalidStoreInputError(`audit actorId '${input.actorId}' must be the caller's object id`);
    }
    if (input.actorName !== undefined && !ACTOR_NAME.test(input.actorName)) {
      throw new InvalidStoreInputError("audit actorName must be 1-256 characters without control characters");
    }
    const at = isoTime(input.at ?? this.clock.now());
    const key = input.idempotencyKey === undefined ? undefined : assertIdempotencyKey(input.idempotencyKey);
    if (notify && key === undefined) {
      throw new InvalidStoreInputError("a notification needs an idempotency key (its event id)");
    }
    const suffix = key ?? randomBytes(5).toString("hex");
    const entry: AuditEntry = { ...redactAuditInput(input), rolloutId, at, rowKey: auditRowKey(at, suffix) };
    if (key === undefined) delete entry.idempotencyKey;
    const entity = auditToEntity(entry);
    const location = { table: this.client.tableName, partitionKey: rolloutId, rowKey: entry.rowKey };
    assertEntityFits(entity, location);

    if (key === undefined) {
      try {
        await this.client.createEntity(entity);
      } catch (error) {
        translateError(error, location, "audit entry");
      }
      return { entry, created: true };
    }

    const marker = { partitionKey: rolloutId, rowKey: auditMarkerRowKey(key), auditRowKey: entry.rowKey, at };
    try {
      const outbox = notify && newOutboxEntity(rolloutId, key, at, redactOutbox(notify), input.waveIndex);
      await this.client.submitTransaction([
        ["create", marker],
        ["create", entity],
        ...(outbox ? [["create", outbox] as ["create", typeof outbox]] : []),
      ]);
      return { entry, created: true };
    } catch (error) {
      if (restStatus(error) !== 409) throw error;
    }
    const existing = await this.findByIdempotencyKey(rolloutId, key);
    if (!existing) {
      // A 409 without a marker would mean the entry's own RowKey collided: report it, do not hide it.
      throw new AlreadyExistsError(location, "audit entry");
    }
    return { entry: existing, created: false };
  }

  async findByIdempotencyKey(rolloutId: string, idempotencyKey: string): Promise<AuditEntry | undefined> {
    const marker = await findEntity(this.client, rolloutId, auditMarkerRowKey(idempotencyKey));
    if (!marker || typeof marker.auditRowKey !== "string") return undefined;
    const entity = await findEntity(this.client, rolloutId, marker.auditRowKey);
    return entity && auditFromEntity(entity);
  }

  /** The rollout's log, oldest first (idempotency markers excluded), optionally from a time on. */
  async *iterate(rolloutId: string, filter: { since?: Date | string } = {}): AsyncGenerator<AuditEntry> {
    assertKeyPart(rolloutId, "rollout id");
    const from = filter.since === undefined ? "" : isoTime(filter.since);
    const query = odata`PartitionKey eq ${rolloutId} and RowKey ge ${from} and RowKey lt ${AUDIT_MARKER_PREFIX}`;
    for await (const entity of iterateEntities(this.client, { filter: query })) yield auditFromEntity(entity);
  }

  async list(
    rolloutId: string,
    filter: { since?: Date | string; limit?: number } = {},
  ): Promise<AuditEntry[]> {
    return take(this.iterate(rolloutId, filter), filter.limit ?? 1000);
  }
}

/** A card shows a sentence or two; the audit entry beside it keeps the whole story. */
const MAX_SUMMARY = 1000;

function redactOutbox(notify: OutboxRequest): OutboxRequest {
  const summary = redactString(stripControlDeep(notify.summary));
  return {
    kind: notify.kind,
    summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
  };
}

/**
 * The audit table is kept for years and read by many: whatever a caller put in the details (a
 * request dump, an error with a token in its message), no credential may reach it. This is the
 * one place every audit row passes, so redaction happens here rather than at each call site. Control
 * characters go too: the log is printed on terminals, where an escape sequence would act, not show.
 */
function redactAuditInput(input: AuditInput): Omit<AuditInput, "at"> {
  const { at: _at, ...rest } = input;
  const redacted: Omit<AuditInput, "at"> = { ...rest, actor: redactString(input.actor) };
  if (input.actorName !== undefined) redacted.actorName = redactString(input.actorName);
  if (input.details !== undefined) redacted.details = redactSecrets(stripControlDeep(input.details));
  return redacted;
}
