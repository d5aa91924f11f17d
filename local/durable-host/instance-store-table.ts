import { TableClient, odata, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { staleSocketRetry } from "../../shared/store/stale-socket-retry";
import type { InstanceState } from "./instance-state";
import type { InstanceStore } from "./instance-store";
import { chunkRowKey, joinRows, splitIntoRows } from "./table-chunks";

const META_ROW = "meta";
/** A transaction carries at most 4 MiB; beyond that one save could not be atomic. */
const MAX_TRANSACTION_CHARS = 1_800_000;

type Row = TableEntity<Record<string, unknown>>;

/** Partition keys may not contain / \ # ? or control characters. */
function partitionKeyOf(instanceId: string): string {
  return encodeURIComponent(instanceId).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Instance state in Azure Table Storage (Azurite locally): one partition per instance, a meta
 * row plus chunk rows, all written in one transaction so a save is all-or-nothing.
 */
export class TableInstanceStore implements InstanceStore {
  private readonly table: TableClient;
  private ready: Promise<void> | undefined;
  private readonly chunkCounts = new Map<string, number>();

  constructor(connectionString: string, tableName: string) {
    this.table = TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection: /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connectionString),
      additionalPolicies: [staleSocketRetry],
    });
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.table.createTable();
    return this.ready;
  }

  async save(state: InstanceState): Promise<void> {
    await this.ensureTable();
    const text = JSON.stringify(state);
    if (text.length > MAX_TRANSACTION_CHARS) {
      throw new Error(
        `Instance '${state.instanceId}' state is ${text.length} characters; the table store saves at most ` +
          `${MAX_TRANSACTION_CHARS} in one transaction. Keep histories small (continue-as-new, small payloads).`,
      );
    }
    const partitionKey = partitionKeyOf(state.instanceId);
    const rows = splitIntoRows(text);
    const previous = this.chunkCounts.get(state.instanceId) ?? (await this.readChunkCount(partitionKey));
    const actions: TransactionAction[] = [
      [
        "upsert",
        {
          partitionKey,
          rowKey: META_ROW,
          instanceId: state.instanceId,
          name: state.name,
          status: state.status,
          chunkRows: rows.length,
          lastUpdatedTime: state.lastUpdatedTime,
        },
        "Replace",
      ],
      ...rows.map((row, i): TransactionAction => [
        "upsert",
        { partitionKey, rowKey: chunkRowKey(i), ...row },
        "Replace",
      ]),
    ];
    for (let i = rows.length; i < previous; i++)
      actions.push(["delete", { partitionKey, rowKey: chunkRowKey(i) }]);
    await this.table.submitTransaction(actions);
    this.chunkCounts.set(state.instanceId, rows.length);
  }

  private async readChunkCount(partitionKey: string): Promise<number> {
    try {
      const meta = await this.table.getEntity<{ chunkRows: number }>(partitionKey, META_ROW);
      return meta.chunkRows;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return 0;
      throw error;
    }
  }

  async load(instanceId: string): Promise<InstanceState | undefined> {
    await this.ensureTable();
    const rows: Row[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKeyOf(instanceId)}` },
    })) {
      rows.push(row as Row);
    }
    return this.assemble(rows);
  }

  async list(): Promise<InstanceState[]> {
    await this.ensureTable();
    const partitions = new Map<string, Row[]>();
    for await (const row of this.table.listEntities<Record<string, unknown>>()) {
      const partitionKey = row.partitionKey ?? "";
      const rows = partitions.get(partitionKey) ?? [];
      rows.push(row as Row);
      partitions.set(partitionKey, rows);
    }
    return [...partitions.values()].map((rows) => this.assemble(rows)).filter((s): s is InstanceState => !!s);
  }

  async delete(instanceId: string): Promise<boolean> {
    await this.ensureTable();
    const partitionKey = partitionKeyOf(instanceId);
    const keys: string[] = [];
    for await (const row of this.table.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
    })) {
      keys.push(row.rowKey as string);
    }
    if (keys.length === 0) return false;
    await this.table.submitTransaction(
      keys.map((rowKey): TransactionAction => ["delete", { partitionKey, rowKey }]),
    );
    this.chunkCounts.delete(instanceId);
    return true;
  }

  private assemble(rows: Row[]): InstanceState | undefined {
    const meta = rows.find((r) => r.rowKey === META_ROW);
    if (!meta) return undefined;
    const count = meta.chunkRows as number;
    const chunks = rows
      .filter((r) => r.rowKey.startsWith("chunk-"))
      .sort((a, b) => a.rowKey.localeCompare(b.rowKey))
      .slice(0, count);
    if (chunks.length !== count)
      throw new Error(`Instance row set for '${String(meta.instanceId)}' is incomplete`);
    const state = JSON.parse(joinRows(chunks)) as InstanceState;
    this.chunkCounts.set(state.instanceId, count);
    return state;
  }
}
