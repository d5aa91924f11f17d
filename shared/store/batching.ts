/**
 * Table Storage transactions hold at most 100 operations, all in one partition, with a payload of
 * at most 4 MiB, and may not touch the same entity twice. These pure helpers shape any list of
 * entities into batches that respect all four rules.
 */
export const MAX_BATCH_OPERATIONS = 100;
/** Below the 4 MiB limit, leaving room for the multipart envelope around each operation. */
export const MAX_BATCH_BYTES = 3.5 * 1024 * 1024;
/** Per-operation multipart headers (changeset boundary, request line, content headers). */
const OPERATION_OVERHEAD_BYTES = 512;

export interface KeyedEntity {
  partitionKey: string;
  rowKey: string;
}

/** Keeps the last entity for each (PartitionKey, RowKey), in first-seen order: last write wins. */
export function dedupeByKey<T extends KeyedEntity>(entities: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const entity of entities) {
    const key = `${entity.partitionKey}\u0000${entity.rowKey}`;
    byKey.set(key, entity);
  }
  return [...byKey.values()];
}

export function jsonBytes(entity: unknown): number {
  return Buffer.byteLength(JSON.stringify(entity), "utf8") + OPERATION_OVERHEAD_BYTES;
}

/** Batches of one partition each, at most maxOperations long and maxBytes heavy. */
export function toBatches<T extends KeyedEntity>(
  entities: readonly T[],
  limits: { maxOperations?: number; maxBytes?: number; sizeOf?: (entity: T) => number } = {},
): T[][] {
  const maxOperations = limits.maxOperations ?? MAX_BATCH_OPERATIONS;
  const maxBytes = limits.maxBytes ?? MAX_BATCH_BYTES;
  const sizeOf = limits.sizeOf ?? jsonBytes;
  const byPartition = new Map<string, T[]>();
  for (const entity of dedupeByKey(entities)) {
    const list = byPartition.get(entity.partitionKey) ?? [];
    list.push(entity);
    byPartition.set(entity.partitionKey, list);
  }
  const batches: T[][] = [];
  for (const list of byPartition.values()) {
    let current: T[] = [];
    let bytes = 0;
    for (const entity of list) {
      const size = sizeOf(entity);
      if (current.length > 0 && (current.length >= maxOperations || bytes + size > maxBytes)) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
      current.push(entity);
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
  }
  return batches;
}

/** Runs tasks with at most `limit` in flight; the first failure rejects once the others settle. */
export async function runLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length > 0) throw errors[0];
}
