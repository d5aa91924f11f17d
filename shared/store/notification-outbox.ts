import { odata, type TableClient } from "@azure/data-tables";
import type { NotificationEvent, NotificationKind } from "../notify/notification-event";
import { isNotificationKind } from "../notify/notification-event";
import { restStatus } from "./errors";
import { assertIdempotencyKey, assertKeyPart } from "./keys";
import { iterateEntities } from "./table-ops";

/**
 * Outbox rows sit in the audit partition of their rollout, after the log and the idempotency
 * markers ("~n" sorts after "~k"), so the audit entry and its notification are created in one
 * transaction: a crash between them cannot lose the notification or send one for nothing.
 */
export const OUTBOX_PREFIX = "~notify-";
const OUTBOX_END = "~notify.";

export type OutboxState = "pending" | "sent" | "failed" | "unconfigured";

export interface OutboxRow {
  event: NotificationEvent;
  state: OutboxState;
  attempts: number;
  /** When the next attempt may run (pending rows only). */
  nextAttemptAt: string;
  lastError?: string;
  /** Host the last attempt went to; the URL itself is never stored. */
  host?: string;
  rowKey: string;
  etag: string;
}

/** What the caller of `AuditRepository.append` asks to be told. */
export interface OutboxRequest {
  kind: NotificationKind;
  summary: string;
}

export function outboxRowKey(idempotencyKey: string): string {
  return `${OUTBOX_PREFIX}${assertIdempotencyKey(idempotencyKey)}`;
}

/** The entity created beside an audit entry; pending from the start, due at once. */
export function newOutboxEntity(
  rolloutId: string,
  idempotencyKey: string,
  at: string,
  request: OutboxRequest,
  waveIndex: number | undefined,
): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: rolloutId,
    rowKey: outboxRowKey(idempotencyKey),
    eventId: `${rolloutId}/${idempotencyKey}`,
    kind: request.kind,
    at,
    summary: request.summary,
    ...(waveIndex !== undefined ? { waveIndex } : {}),
    state: "pending",
    attempts: 0,
    nextAttemptAt: at,
  };
}

function fromEntity(entity: Record<string, unknown>): OutboxRow | undefined {
  const kind = entity.kind;
  if (!isNotificationKind(kind)) return undefined;
  const event: NotificationEvent = {
    id: String(entity.eventId),
    rolloutId: String(entity.partitionKey),
    kind,
    at: String(entity.at),
    summary: String(entity.summary ?? ""),
  };
  if (typeof entity.waveIndex === "number") event.waveIndex = entity.waveIndex;
  const row: OutboxRow = {
    event,
    state: String(entity.state) as OutboxState,
    attempts: Number(entity.attempts ?? 0),
    nextAttemptAt: String(entity.nextAttemptAt ?? entity.at),
    rowKey: String(entity.rowKey),
    etag: String(entity.etag),
  };
  if (typeof entity.lastError === "string") row.lastError = entity.lastError;
  if (typeof entity.host === "string") row.host = entity.host;
  return row;
}

export class NotificationOutbox {
  constructor(private readonly client: TableClient) {}

  /** A rollout's notifications, oldest first, optionally only those in one state. */
  async list(rolloutId: string, state?: OutboxState): Promise<OutboxRow[]> {
    assertKeyPart(rolloutId, "rollout id");
    let filter = odata`PartitionKey eq ${rolloutId} and RowKey ge ${OUTBOX_PREFIX} and RowKey lt ${OUTBOX_END}`;
    if (state) filter += odata` and state eq ${state}`;
    const rows: OutboxRow[] = [];
    for await (const entity of iterateEntities(this.client, { filter })) {
      const row = fromEntity(entity);
      if (row) rows.push(row);
    }
    return rows.sort((a, b) => a.event.at.localeCompare(b.event.at) || a.event.id.localeCompare(b.event.id));
  }

  /**
   * Writes an attempt's state, conditional on the row's ETag, and returns the row as written; or
   * undefined when another deliverer (the fast path, the timer on another instance) got there
   * first. Claiming a row this way before sending is what keeps two deliverers from both posting.
   */
  async settle(
    row: OutboxRow,
    change: Pick<OutboxRow, "state" | "attempts" | "nextAttemptAt"> & { lastError?: string; host?: string },
  ): Promise<OutboxRow | undefined> {
    const entity = {
      partitionKey: row.event.rolloutId,
      rowKey: row.rowKey,
      state: change.state,
      attempts: change.attempts,
      nextAttemptAt: change.nextAttemptAt,
      lastError: change.lastError ?? "",
      ...(change.host !== undefined ? { host: change.host } : {}),
    };
    try {
      const written = await this.client.updateEntity(entity, "Merge", { etag: row.etag });
      return { ...row, ...change, etag: written.etag ?? row.etag };
    } catch (error) {
      if (restStatus(error) === 412 || restStatus(error) === 404) return undefined;
      throw error;
    }
  }
}
