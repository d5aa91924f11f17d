import { EntityTooLargeError, type EntityLocation } from "./errors";

/**
 * Table Storage limits, checked before a write so an oversized plan or counter set fails with a
 * message naming the property, instead of a generic 400 from the service (or a failed batch).
 */
export const MAX_STRING_PROPERTY_CHARS = 32 * 1024 - 1; // 64 KiB of UTF-16
export const MAX_ENTITY_BYTES = 1024 * 1024;
/** 255 properties including PartitionKey, RowKey and Timestamp. */
export const MAX_CUSTOM_PROPERTIES = 252;

type EntityValue = string | number | boolean | Date | null | undefined | Uint8Array;

/** Size as the service counts it (documented estimate): strings are UTF-16, numbers 8 bytes. */
export function estimateEntityBytes(entity: Record<string, unknown>): number {
  let bytes = 4;
  for (const [name, raw] of Object.entries(entity)) {
    const value = raw as EntityValue;
    if (name === "partitionKey" || name === "rowKey") {
      bytes += String(value).length * 2;
      continue;
    }
    if (value === undefined || value === null || name === "etag") continue;
    bytes += 8 + name.length * 2;
    if (typeof value === "string") bytes += 4 + value.length * 2;
    else if (typeof value === "boolean") bytes += 1;
    else if (value instanceof Uint8Array) bytes += 4 + value.byteLength;
    else bytes += 8; // number (Int32/Int64/Double) or DateTime
  }
  return bytes;
}

/** Throws EntityTooLargeError when any Table Storage size limit would be exceeded. */
export function assertEntityFits(entity: Record<string, unknown>, location: EntityLocation): void {
  const custom = Object.entries(entity).filter(
    ([name, value]) => !["partitionKey", "rowKey", "etag"].includes(name) && value !== undefined,
  );
  if (custom.length > MAX_CUSTOM_PROPERTIES) {
    throw new EntityTooLargeError(
      location,
      `${custom.length} properties, the limit is ${MAX_CUSTOM_PROPERTIES}`,
    );
  }
  for (const [name, value] of custom) {
    if (typeof value === "string" && value.length > MAX_STRING_PROPERTY_CHARS) {
      throw new EntityTooLargeError(
        location,
        `property '${name}' has ${value.length} characters, the limit is ${MAX_STRING_PROPERTY_CHARS} (64 KiB)`,
      );
    }
  }
  const bytes = estimateEntityBytes(entity);
  if (bytes > MAX_ENTITY_BYTES) {
    throw new EntityTooLargeError(location, `about ${bytes} bytes, the limit is ${MAX_ENTITY_BYTES} (1 MiB)`);
  }
}

/**
 * Splits a long string over numbered properties (`plan0`, `plan1`, ...) so a large JSON document
 * fits the 64 KiB per-property limit; the 1 MiB entity limit is still enforced by assertEntityFits.
 */
export function splitStringProperty(
  name: string,
  value: string,
  chunkChars = MAX_STRING_PROPERTY_CHARS,
): Record<string, string | number> {
  const parts: Record<string, string | number> = {};
  let count = 0;
  let start = 0;
  do {
    let end = Math.min(start + chunkChars, value.length);
    // Never cut a surrogate pair in half: each half alone would be corrupted in transit.
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts[`${name}${count}`] = value.slice(start, end);
    count += 1;
    start = end;
  } while (start < value.length);
  parts[`${name}Parts`] = count;
  return parts;
}

/** Reassembles what splitStringProperty wrote; undefined when the entity has no such property. */
export function joinStringProperty(name: string, entity: Record<string, unknown>): string | undefined {
  const count = entity[`${name}Parts`];
  if (typeof count !== "number") return undefined;
  let value = "";
  for (let i = 0; i < count; i++) {
    const part = entity[`${name}${i}`];
    if (typeof part !== "string") {
      throw new Error(`property '${name}${i}' is missing: the stored ${name} is incomplete`);
    }
    value += part;
  }
  return value;
}
