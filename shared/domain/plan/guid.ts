/** Entra object ids are GUIDs; accept either case, as Graph does, but nothing looser. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID_PATTERN.test(value);
}

/** Ids are compared case-insensitively everywhere (Graph returns lowercase, admins paste either). */
export function normalizeId(id: string): string {
  return id.toLowerCase();
}
