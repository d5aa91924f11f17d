import { odata, type TableClient } from "@azure/data-tables";
import type { Clock } from "../clock";
import { assertEntityFits } from "./entity-size";
import { InvalidStoreInputError, NotFoundError, translateError, type EntityLocation } from "./errors";
import { assertKeyPart, isoTime, ROLLOUTS_PARTITION } from "./keys";
import { readModifyWrite, type UpdateOptions } from "./optimistic";
import {
  emptyStageCounts,
  type NewRollout,
  type RolloutPatch,
  type RolloutRecord,
  type RolloutStatus,
} from "./records";
import { rolloutFromEntity, rolloutToEntity } from "./rollout-entity";
import { findEntity, iterateEntities, take } from "./table-ops";

export interface RolloutQuery {
  /** One status or any of several. */
  status?: RolloutStatus | readonly RolloutStatus[];
}

/**
 * The rollouts table: one row per rollout, all in partition "rollout" (RowKey = rollout id), so
 * listing every rollout is a single partition query. The row is the rollout's shared state, so
 * every change goes through the ETag: concurrent writers never overwrite each other silently.
 */
export class RolloutsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly clock: Clock,
  ) {}

  private location(id?: string): EntityLocation {
    return { table: this.client.tableName, partitionKey: ROLLOUTS_PARTITION, rowKey: id };
  }

  /** Throws AlreadyExistsError when a rollout with this id exists (whatever its status). */
  async create(input: NewRollout): Promise<RolloutRecord> {
    assertKeyPart(input.id, "rollout id");
    const now = isoTime(this.clock.now());
    const record: RolloutRecord = {
      ...input,
      status: input.status ?? "running",
      currentWave: input.currentWave ?? 0,
      counts: input.counts ?? emptyStageCounts(),
      createdAt: input.createdAt ? isoTime(input.createdAt) : now,
      updatedAt: now,
    };
    const entity = rolloutToEntity(record);
    assertEntityFits(entity, this.location(input.id));
    try {
      const response = await this.client.createEntity(entity);
      return { ...record, etag: response.etag };
    } catch (error) {
      translateError(error, this.location(input.id), "rollout");
    }
  }

  async find(id: string): Promise<RolloutRecord | undefined> {
    const entity = await findEntity(this.client, ROLLOUTS_PARTITION, assertKeyPart(id, "rollout id"));
    return entity && rolloutFromEntity(entity);
  }

  async get(id: string): Promise<RolloutRecord> {
    const record = await this.find(id);
    if (!record) throw new NotFoundError(this.location(id), "rollout");
    return record;
  }

  /** Streams rollouts (optionally only those in one status) from the single rollouts partition. */
  async *iterate(filter: RolloutQuery = {}): AsyncGenerator<RolloutRecord> {
    const parts = [odata`PartitionKey eq ${ROLLOUTS_PARTITION}`];
    const statuses =
      filter.status === undefined ? [] : typeof filter.status === "string" ? [filter.status] : filter.status;
    if (statuses.length > 0)
      parts.push(`(${statuses.map((status) => odata`status eq ${status}`).join(" or ")})`);
    const query = parts.join(" and ");
    for await (const entity of iterateEntities(this.client, { filter: query })) {
      yield rolloutFromEntity(entity);
    }
  }

  async list(filter: RolloutQuery & { limit?: number } = {}): Promise<RolloutRecord[]> {
    return take(this.iterate(filter), filter.limit ?? 1000);
  }

  /**
   * Writes the whole record only if the row still has `record.etag`; throws ConcurrencyError when
   * another writer got there first (re-read, re-decide, try again — or use `update`).
   */
  async save(record: RolloutRecord): Promise<RolloutRecord> {
    if (!record.etag) {
      throw new InvalidStoreInputError(`rollout '${record.id}' has no etag: read it before saving it`);
    }
    const next: RolloutRecord = { ...record, updatedAt: isoTime(this.clock.now()) };
    const entity = rolloutToEntity(next);
    assertEntityFits(entity, this.location(record.id));
    try {
      const response = await this.client.updateEntity(entity, "Replace", { etag: record.etag });
      return { ...next, etag: response.etag };
    } catch (error) {
      translateError(error, this.location(record.id), "rollout");
    }
  }

  /** Optimistic read-modify-write: re-applies `mutate` to a fresh read after each lost race. */
  async update(
    id: string,
    mutate: (current: RolloutRecord) => RolloutPatch | undefined | Promise<RolloutPatch | undefined>,
    options: UpdateOptions = {},
  ): Promise<RolloutRecord> {
    return readModifyWrite({
      location: this.location(id),
      read: () => this.get(id),
      mutate,
      write: (current, patch) =>
        this.save({
          ...current,
          ...patch,
          id: current.id,
          createdBy: current.createdBy,
          createdAt: current.createdAt,
          etag: current.etag,
        }),
      retries: options.retries,
    });
  }
}
