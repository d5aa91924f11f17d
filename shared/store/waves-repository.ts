import { odata, type TableClient } from "@azure/data-tables";
import type { Clock } from "../clock";
import { assertEntityFits } from "./entity-size";
import { InvalidStoreInputError, NotFoundError, translateError, type EntityLocation } from "./errors";
import { assertKeyPart, isoTime, waveRowKey } from "./keys";
import { readModifyWrite, type UpdateOptions } from "./optimistic";
import type { WaveInput, WavePatch, WaveRecord } from "./records";
import { findEntity, iterateEntities, take } from "./table-ops";
import { waveFromEntity, waveToEntity } from "./wave-entity";

/** The waves table: PartitionKey = rollout id, RowKey = zero-padded wave index ("003"). */
export class WavesRepository {
  constructor(
    private readonly client: TableClient,
    private readonly clock: Clock,
  ) {}

  private location(rolloutId: string, index?: number): EntityLocation {
    return {
      table: this.client.tableName,
      partitionKey: rolloutId,
      rowKey: index === undefined ? undefined : waveRowKey(index),
    };
  }

  /** Writes the wave row whole (idempotent: an activity retried writes the same row again). */
  async put(input: WaveInput): Promise<WaveRecord> {
    assertKeyPart(input.rolloutId, "rollout id");
    const record: WaveRecord = {
      enforced: 0,
      heldBack: 0,
      excluded: 0,
      extensions: 0,
      ...input,
      updatedAt: isoTime(this.clock.now()),
    };
    const entity = waveToEntity(record);
    assertEntityFits(entity, this.location(input.rolloutId, input.index));
    const response = await this.client.upsertEntity(entity, "Replace");
    return { ...record, etag: response.etag };
  }

  async find(rolloutId: string, index: number): Promise<WaveRecord | undefined> {
    const entity = await findEntity(this.client, assertKeyPart(rolloutId, "rollout id"), waveRowKey(index));
    return entity && waveFromEntity(entity);
  }

  async get(rolloutId: string, index: number): Promise<WaveRecord> {
    const record = await this.find(rolloutId, index);
    if (!record) throw new NotFoundError(this.location(rolloutId, index), "wave");
    return record;
  }

  /** Every wave of a rollout, in wave order (RowKeys sort numerically thanks to the padding). */
  async list(rolloutId: string, limit = 1000): Promise<WaveRecord[]> {
    const filter = odata`PartitionKey eq ${assertKeyPart(rolloutId, "rollout id")}`;
    const rows = iterateEntities(this.client, { filter });
    return (await take(rows, limit)).map(waveFromEntity);
  }

  /** Conditional write of the whole wave row; throws ConcurrencyError if it changed since read. */
  async save(record: WaveRecord): Promise<WaveRecord> {
    if (!record.etag) {
      throw new InvalidStoreInputError(
        `wave ${record.index} of '${record.rolloutId}' has no etag: read it first`,
      );
    }
    const next: WaveRecord = { ...record, updatedAt: isoTime(this.clock.now()) };
    const entity = waveToEntity(next);
    assertEntityFits(entity, this.location(record.rolloutId, record.index));
    try {
      const response = await this.client.updateEntity(entity, "Replace", { etag: record.etag });
      return { ...next, etag: response.etag };
    } catch (error) {
      translateError(error, this.location(record.rolloutId, record.index), "wave");
    }
  }

  async update(
    rolloutId: string,
    index: number,
    mutate: (current: WaveRecord) => WavePatch | undefined | Promise<WavePatch | undefined>,
    options: UpdateOptions = {},
  ): Promise<WaveRecord> {
    return readModifyWrite({
      location: this.location(rolloutId, index),
      read: () => this.get(rolloutId, index),
      mutate,
      write: (current, patch) =>
        this.save({ ...current, ...patch, rolloutId: current.rolloutId, index: current.index }),
      retries: options.retries,
    });
  }
}
