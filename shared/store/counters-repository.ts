import { odata, type TableClient } from "@azure/data-tables";
import type { Clock } from "../clock";
import { counterFromEntity, counterToEntity } from "./counter-entity";
import { assertEntityFits } from "./entity-size";
import {
  assertKeyPart,
  counterDocumentBodyPrefix,
  counterDocumentHeadKey,
  counterRowKey,
  counterUserRange,
  counterWindowRange,
  isoTime,
} from "./keys";
import type { CounterRecord } from "./records";
import { deleteInBatches, findEntity, iterateEntityPages, upsertInBatches } from "./table-ops";
import type { PageOptions } from "./users-repository";
import {
  readDocument,
  readGeneration,
  writeDocument,
  type DocumentKeys,
  type TableDocument,
} from "./table-documents";

export type CounterDocument<M> = TableDocument<M>;

/**
 * The counters table: per-user sign-in counters for one observation window, PartitionKey =
 * rollout id. Either one row per user (RowKey `${windowKey}|${userId}`), or the whole window as
 * one document (RowKeys `${windowKey}|~...`): a 100,000-user window is then a few dozen rows
 * written in a handful of transactions instead of 100,000 rows in a thousand.
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
    const { from, to } = counterUserRange(windowKey);
    const filter = odata`PartitionKey eq ${assertKeyPart(rolloutId, "rollout id")} and RowKey ge ${from} and RowKey lt ${to}`;
    for await (const page of iterateEntityPages(this.client, { filter, pageSize: options.pageSize })) {
      yield page.map((entity) => counterFromEntity<T>(entity));
    }
  }

  /**
   * Replaces a window's document (see writeDocument in table-documents.ts): a reader or a retry
   * after a crash sees the old document or the new one, never a mix. Returns the generation
   * written, or undefined when a concurrent writer's document won.
   */
  async writeDocument<M>(
    rolloutId: string,
    windowKey: string,
    document: CounterDocument<M>,
  ): Promise<string | undefined> {
    return writeDocument(this.client, this.documentKeys(rolloutId, windowKey), document, {
      now: isoTime(this.clock.now()),
      concurrency: this.batchConcurrency,
    });
  }

  /** A window's document, or undefined when none was written. */
  async readDocument<M>(
    rolloutId: string,
    windowKey: string,
  ): Promise<(CounterDocument<M> & { generation: string }) | undefined> {
    return readDocument<M>(this.client, this.documentKeys(rolloutId, windowKey));
  }

  /** Which generation of a window's document is current: a copy read from it is still good. */
  async documentGeneration(rolloutId: string, windowKey: string): Promise<string | undefined> {
    return readGeneration(this.client, this.documentKeys(rolloutId, windowKey));
  }

  private documentKeys(rolloutId: string, windowKey: string): DocumentKeys {
    const partitionKey = assertKeyPart(rolloutId, "rollout id");
    return {
      partitionKey,
      headRowKey: counterDocumentHeadKey(windowKey),
      bodyPrefix: (generation) => counterDocumentBodyPrefix(windowKey, generation),
    };
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
