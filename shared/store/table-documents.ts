import { randomUUID } from "node:crypto";
import { odata, type TableClient } from "@azure/data-tables";
import { restStatus } from "./errors";
import { assertEntityFits, joinStringProperty, splitStringProperty } from "./entity-size";
import { findEntity, iterateEntityPages, deleteInBatches, upsertInBatches } from "./table-ops";

/**
 * One large text (a JSON document of a whole window or population) kept in a few rows of one
 * partition: a head row naming the current generation, and that generation's body rows. Tens of
 * megabytes go in a handful of transactions, where a row per item would take thousands.
 */
export interface TableDocument<M> {
  /** Small (a few KB): stored as JSON in the head row. */
  meta: M;
  body: string;
}

/** A document as read back, with the generation it was read from (a generation never changes). */
export type StoredDocument<M> = TableDocument<M> & { generation: string };

export interface DocumentKeys {
  partitionKey: string;
  headRowKey: string;
  /** RowKey prefix of one generation's body rows (the generation is a unique token). */
  bodyPrefix: (generation: string) => string;
}

/** 14 properties of 32k characters each: under the 1 MiB entity limit (UTF-16) with room to spare. */
const PARTS_PER_ROW = 14;

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

function bodyRowKey(keys: DocumentKeys, generation: string, index: number): string {
  return `${keys.bodyPrefix(generation)}${String(index).padStart(5, "0")}`;
}

/**
 * Writes the body into new rows first, then points the head at them (conditionally on the head
 * not having moved), then removes the previous generation: a reader, or a retry after a crash,
 * sees the old document or the new one, never a mix. Each generation has a unique token, so two
 * writers racing never share body rows; the one whose head update loses removes its rows and
 * gets undefined; the winner gets the generation it wrote.
 */
export async function writeDocument<M>(
  client: TableClient,
  keys: DocumentKeys,
  document: TableDocument<M>,
  options: { now: string; concurrency: number },
): Promise<string | undefined> {
  const previous = await readHead(client, keys);
  const generation = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
  const split = splitStringProperty("body", document.body);
  const partCount = Number(split.bodyParts);
  const rows: Row[] = [];
  for (let first = 0; first < partCount; first += PARTS_PER_ROW) {
    const row: Row = { partitionKey: keys.partitionKey, rowKey: bodyRowKey(keys, generation, rows.length) };
    const count = Math.min(PARTS_PER_ROW, partCount - first);
    for (let i = 0; i < count; i++) row[`body${i}`] = split[`body${first + i}`];
    row.bodyParts = count;
    assertEntityFits(row, { table: client.tableName, partitionKey: row.partitionKey, rowKey: row.rowKey });
    rows.push(row);
  }
  await upsertInBatches(client, rows, options.concurrency);
  const head: Row = {
    partitionKey: keys.partitionKey,
    rowKey: keys.headRowKey,
    meta: JSON.stringify(document.meta),
    generation,
    rows: rows.length,
    updatedAt: options.now,
  };
  assertEntityFits(head, { table: client.tableName, partitionKey: head.partitionKey, rowKey: head.rowKey });
  try {
    if (previous) await client.updateEntity(head, "Replace", { etag: previous.etag });
    else await client.createEntity(head);
  } catch (error) {
    const status = restStatus(error);
    if (status !== 409 && status !== 412) throw error;
    await deleteInBatches(client, rows, options.concurrency);
    return undefined;
  }
  if (previous) {
    const old = Array.from({ length: previous.rows }, (_, i) => ({
      partitionKey: keys.partitionKey,
      rowKey: bodyRowKey(keys, previous.generation, i),
    }));
    await deleteInBatches(client, old, options.concurrency);
  }
  return generation;
}

/** The document, or undefined when none was written. */
export async function readDocument<M>(
  client: TableClient,
  keys: DocumentKeys,
): Promise<StoredDocument<M> | undefined> {
  const head = await readHead(client, keys);
  if (!head) return undefined;
  const prefix = keys.bodyPrefix(head.generation);
  const filter = odata`PartitionKey eq ${keys.partitionKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`;
  const parts: string[] = [];
  for await (const page of iterateEntityPages(client, { filter })) {
    for (const row of page) parts.push(joinStringProperty("body", row) ?? "");
  }
  if (parts.length !== head.rows) {
    throw new Error(
      `document ${keys.partitionKey}/${keys.headRowKey} in ${client.tableName} has ${parts.length} of ${head.rows} rows`,
    );
  }
  return { meta: head.meta as M, body: parts.join(""), generation: head.generation };
}

/** The generation the head points at (one point read), or undefined when none was written. */
export async function readGeneration(client: TableClient, keys: DocumentKeys): Promise<string | undefined> {
  return (await readHead(client, keys))?.generation;
}

async function readHead(
  client: TableClient,
  keys: DocumentKeys,
): Promise<{ generation: string; rows: number; meta: unknown; etag: string } | undefined> {
  const entity = await findEntity(client, keys.partitionKey, keys.headRowKey);
  if (!entity) return undefined;
  return {
    etag: entity.etag,
    generation: String(entity.generation),
    rows: Number(entity.rows),
    meta: JSON.parse(String(entity.meta)) as unknown,
  };
}
