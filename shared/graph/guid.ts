/**
 * Object ids go into URL paths and OData filters; accepting only canonical GUIDs keeps a stray
 * "x/../.." or "' or 1 eq 1" from ever reaching Graph.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID.test(value);
}

export function assertGuid(value: unknown, what: string): string {
  if (!isGuid(value)) {
    throw new TypeError(`${what} must be an object id (GUID), got ${JSON.stringify(value)}`);
  }
  return value.toLowerCase();
}

export function assertGuids(values: Iterable<unknown>, what: string): string[] {
  const out: string[] = [];
  for (const value of values) out.push(assertGuid(value, what));
  return out;
}
