import { odata, type TableClient } from "@azure/data-tables";
import { assertEntityFits } from "./entity-size";
import { assertKeyPart, waveRowKey } from "./keys";
import type { GateRecord } from "./records";
import { gateFromEntity, gateToEntity } from "./gate-entity";
import { iterateEntities, take } from "./table-ops";

/**
 * The gates table: one row per gate evaluation, PartitionKey = rollout id, RowKey
 * `${wave}-${evaluatedAt}-${gate}` so a wave's evaluations read in time order.
 */
export class GatesRepository {
  constructor(private readonly client: TableClient) {}

  /**
   * Idempotent: the RowKey is derived from the evaluation itself (wave, orchestrator time, gate),
   * so a retried activity rewrites the same row instead of adding a second one.
   */
  async record(gate: GateRecord): Promise<void> {
    assertKeyPart(gate.rolloutId, "rollout id");
    const entity = gateToEntity(gate);
    assertEntityFits(entity, {
      table: this.client.tableName,
      partitionKey: gate.rolloutId,
      rowKey: entity.rowKey,
    });
    await this.client.upsertEntity(entity, "Replace");
  }

  /** Evaluations of a rollout (or of one wave), oldest first. */
  async list(rolloutId: string, filter: { waveIndex?: number; limit?: number } = {}): Promise<GateRecord[]> {
    assertKeyPart(rolloutId, "rollout id");
    let query = odata`PartitionKey eq ${rolloutId}`;
    if (filter.waveIndex !== undefined) {
      const wave = waveRowKey(filter.waveIndex);
      // "." follows "-" in code-point order: [wave-, wave.) is exactly this wave's rows.
      query += " and " + odata`RowKey ge ${`${wave}-`} and RowKey lt ${`${wave}.`}`;
    }
    const rows = await take(iterateEntities(this.client, { filter: query }), filter.limit ?? 1000);
    return rows.map(gateFromEntity);
  }

  /** The most recent evaluation of a wave's gate, if any. */
  async latest(rolloutId: string, waveIndex: number, gate?: string): Promise<GateRecord | undefined> {
    const rows = await this.list(rolloutId, { waveIndex });
    const matching = gate === undefined ? rows : rows.filter((row) => row.gate === gate);
    return matching.at(-1);
  }
}
