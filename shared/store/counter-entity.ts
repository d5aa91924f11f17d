import type { TableEntity } from "@azure/data-tables";
import { COUNTER_SEPARATOR, counterRowKey } from "./keys";
import type { CounterRecord } from "./records";

type Row = Record<string, unknown>;

export function counterToEntity<T>(rolloutId: string, record: CounterRecord<T>): TableEntity<Row> {
  return {
    partitionKey: rolloutId,
    rowKey: counterRowKey(record.windowKey, record.userId),
    windowKey: record.windowKey,
    userId: record.userId,
    counters: JSON.stringify(record.counters),
    updatedAt: record.updatedAt,
  };
}

export function counterFromEntity<T>(entity: Row): CounterRecord<T> {
  const rowKey = String(entity.rowKey);
  const at = rowKey.indexOf(COUNTER_SEPARATOR);
  return {
    windowKey: typeof entity.windowKey === "string" ? entity.windowKey : rowKey.slice(0, at),
    userId: typeof entity.userId === "string" ? entity.userId : rowKey.slice(at + 1),
    counters: JSON.parse(String(entity.counters)) as T,
    updatedAt: String(entity.updatedAt ?? ""),
  };
}
