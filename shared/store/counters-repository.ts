import { odata, type TableClient } from "@azure/data-tables";
import type { Clock } from "../clock";
import { counterFromEntity, counterToEntity } from "./counter-entity";
import { assertEntityFits } from "./entity-size";
import { assertKeyPart, counterRowKey, counterWindowRange, isoTime } from "./keys";
import type { CounterRecord } from "./records";
import { deleteInBatches, findEntity, iterateEntityPages, upsertInBatches } from "./table-ops";
import type { PageOptions } from "./users-repository";

/**
 * The counters table: per-user sign-in counters for one observation window, PartitionKey =
 * rollout id, RowKey `${windowKey}|${userId}`. The engine folds the sign-in log into these rows
 * page by page, so the log is read once and a restarted activity resumes from stored counts.
 */
export class CountersRepository {
  constructor(
    private readonly client: TableClient,
    private readonly clock: Clock,
    private readonly batchConcurrency: number,
  ) {}

  /** Replaces the counters of each (window, user) given; batched, last duplicate wins. */
  async upsertMany<T>(
    rolloutId: string,
    windowKey: string,
    entries: readonly { userId: string; counters: T }[],
  ): Promise<number> {
    assertKeyPart(rolloutId, "rollout id");
    const updatedAt = isoTime(this.clock.now());
    const entities = entries.map((entry) => {
      const entity = counterToEntity(rolloutId, {
        windowKey,
        userId: entry.userId,
        counters: entry.counters,
        updatedAt,
      });
      assertEntityFits(entity, {
        table: this.client.tableName,
        partitionKey: rolloutId,
        rowKey: entity.rowKey,
      });
      return entity;
    });
    return upsertInBatches(this.client, entities, this.batchConcurrency);
  }

  async find<T>(rolloutId: string, windowKey: string, userId: string): Promise<CounterRecord<T> | undefined> {
    const entity = await findEntity(
      this.client,
      assertKeyPart(rolloutId, "rollout id"),
      counterRowKey(windowKey, userId),
    );
    return entity && counterFromEntity<T>(entity);
  }

  /** One window's counters, page by page (a RowKey range query inside the rollout's partition). */
  async *iteratePages<T>(
    rolloutId: string,
    windowKey: string,
    options: PageOptions = {},
  ): AsyncGenerator<CounterRecord<T>[]> {
    const { from, to } = counterWindowRange(windowKey);
    const filter = odata`PartitionKey eq ${assertKeyPart(rolloutId, "rollout id")} and RowKey ge ${from} and RowKey lt ${to}`;
    for await (const page of iterateEntityPages(this.client, { filter, pageSize: options.pageSize })) {
      yield page.map((entity) => counterFromEntity<T>(entity));
    }
  }

  /** Removes one window's counters once they have been summarised; returns how many rows went. */
  async deleteWindow(rolloutId: string, windowKey: string): Promise<number> {
    const { from, to } = counterWindowRange(windowKey);
    const filter = odata`PartitionKey eq ${assertKeyPart(rolloutId, "rollout id")} and RowKey ge ${from} and RowKey lt ${to}`;
    const keys: { partitionKey: string; rowKey: string }[] = [];
    // Only keys are read: a window of 100k users is a few MB of keys, not of counters.
    for await (const page of iterateEntityPages(this.client, { filter, select: ["RowKey"] })) {
      for (const row of page) keys.push({ partitionKey: rolloutId, rowKey: String(row.rowKey) });
    }
    await deleteInBatches(this.client, keys, this.batchConcurrency);
    return keys.length;
  }

  async *iterate<T>(
    rolloutId: string,
    windowKey: string,
    options: PageOptions = {},
  ): AsyncGenerator<CounterRecord<T>> {
    for await (const page of this.iteratePages<T>(rolloutId, windowKey, options)) yield* page;
  }
}
