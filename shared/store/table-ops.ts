import type { TableClient, TableEntity, TableEntityResult, TransactionAction } from "@azure/data-tables";
import { restStatus, translateError } from "./errors";
import { runLimited, toBatches, type KeyedEntity } from "./batching";

type Row = Record<string, unknown>;

/** Creates the table, treating "already exists" as success so every start-up may call it. */
export async function ensureTable(client: TableClient): Promise<void> {
  try {
    // The SDK already swallows TableAlreadyExists; this covers emulators that word the 409 differently.
    await client.createTable();
  } catch (error) {
    if (restStatus(error) !== 409) throw error;
  }
}

/** The entity, or undefined when there is none; every other failure propagates. */
export async function findEntity<T extends object = Row>(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(partitionKey, rowKey);
  } catch (error) {
    if (restStatus(error) === 404) return undefined;
    throw error;
  }
}

export interface QueryOptions {
  filter?: string;
  select?: string[];
  /** Entities per service round trip (the service caps a page at 1000). */
  pageSize?: number;
}

/** Streams entities page by page, so a 100k-user partition never sits in memory at once. */
export async function* iterateEntityPages<T extends object = Row>(
  client: TableClient,
  options: QueryOptions = {},
): AsyncGenerator<TableEntityResult<T>[]> {
  const pages = client
    .listEntities<T>({ queryOptions: { filter: options.filter, select: options.select } })
    .byPage({ maxPageSize: Math.min(options.pageSize ?? 1000, 1000) });
  for await (const page of pages) {
    if (page.length > 0) yield page;
  }
}

export async function* iterateEntities<T extends object = Row>(
  client: TableClient,
  options: QueryOptions = {},
): AsyncGenerator<TableEntityResult<T>> {
  for await (const page of iterateEntityPages<T>(client, options)) yield* page;
}

/** Takes at most `limit` items from a stream and stops reading (no further pages are fetched). */
export async function take<T>(items: AsyncIterable<T>, limit: number): Promise<T[]> {
  const result: T[] = [];
  if (limit <= 0) return result;
  for await (const item of items) {
    result.push(item);
    if (result.length >= limit) break;
  }
  return result;
}

/**
 * Upserts (replace) any number of entities as transactions of <= 100 per partition; duplicates in
 * the input collapse to their last occurrence. Returns how many entities were written.
 */
export async function upsertInBatches<E extends TableEntity<Row> & KeyedEntity>(
  client: TableClient,
  entities: readonly E[],
  concurrency: number,
  /** Replace unless told otherwise: Merge keeps columns the entity does not name. */
  modeOf: (entity: E) => "Replace" | "Merge" = () => "Replace",
): Promise<number> {
  const batches = toBatches(entities);
  await runLimited(batches, concurrency, async (batch) => {
    const actions: TransactionAction[] = batch.map((entity) => ["upsert", entity, modeOf(entity)]);
    try {
      await client.submitTransaction(actions);
    } catch (error) {
      const first = batch[0];
      translateError(error, { table: client.tableName, partitionKey: first?.partitionKey }, "batch");
    }
  });
  return batches.reduce((sum, batch) => sum + batch.length, 0);
}

/**
 * Deletes the given rows in transactions; rows already gone are fine (a retried cleanup). A
 * batch that hits a missing row is redone row by row, since one 404 fails the whole batch.
 */
export async function deleteInBatches(
  client: TableClient,
  keys: readonly KeyedEntity[],
  concurrency: number,
): Promise<void> {
  const batches = toBatches(keys.map(({ partitionKey, rowKey }) => ({ partitionKey, rowKey })));
  await runLimited(batches, concurrency, async (batch) => {
    try {
      await client.submitTransaction(batch.map((key): TransactionAction => ["delete", key]));
    } catch (error) {
      if (restStatus(error) !== 404) throw error;
      for (const key of batch) {
        try {
          await client.deleteEntity(key.partitionKey, key.rowKey);
        } catch (inner) {
          if (restStatus(inner) !== 404) throw inner;
        }
      }
    }
  });
}
