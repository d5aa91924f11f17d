import { SimGraphError } from "../tenant/tenant-port";
import type { RouteContext, SimResponse } from "./types";

export const JSON_CONTENT_TYPE =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function parseTop(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get("$top");
  if (raw === null) return fallback;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1) {
    throw new SimGraphError(
      400,
      "BadRequest",
      `Invalid value '${raw}' for $top: expected a positive integer.`,
    );
  }
  if (top > max) {
    throw new SimGraphError(
      400,
      "BadRequest",
      `Invalid value '${raw}' for $top: the maximum page size is ${max}.`,
    );
  }
  return top;
}

export function parseSelect(query: URLSearchParams): string[] | undefined {
  const raw = query.get("$select");
  if (raw === null || raw.trim() === "") return undefined;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Graph returns exactly the selected properties (plus @odata.type when the item carries one). */
export function applySelect<T extends object>(item: T, select: readonly string[] | undefined): Partial<T> {
  if (!select) return item;
  const source = item as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  if (source["@odata.type"] !== undefined) picked["@odata.type"] = source["@odata.type"];
  for (const key of select) if (key in source) picked[key] = source[key];
  return picked as Partial<T>;
}

export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "Content-Type": JSON_CONTENT_TYPE, ...headers }, body };
}

export function noContent(): SimResponse {
  return { status: 204, headers: {} };
}

export function odataContext(ctx: RouteContext, fragment: string): string {
  return `${ctx.serviceRoot}/$metadata#${fragment}`;
}

/** Absolute nextLink like Graph's; the route path is the request path, the query only $skiptoken. */
export function nextLink(ctx: RouteContext, token: string): string {
  return `${ctx.serviceRoot}/${ctx.req.path}?$skiptoken=${encodeURIComponent(token)}`;
}

export function collection(
  ctx: RouteContext,
  contextFragment: string,
  value: readonly unknown[],
  nextToken?: string,
  headers: Record<string, string> = {},
): SimResponse {
  const body: Record<string, unknown> = { "@odata.context": odataContext(ctx, contextFragment) };
  if (nextToken !== undefined) body["@odata.nextLink"] = nextLink(ctx, nextToken);
  body.value = value;
  return ok(body, 200, headers);
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new SimGraphError(400, "BadRequest", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

interface OffsetState {
  offset: number;
  query: Record<string, string>;
}

/**
 * Offset paging for in-memory collections: the first request's query options are frozen into the
 * token, so later pages answer the same question whatever the client appends.
 */
export function offsetPage(
  ctx: RouteContext,
  kind: string,
  queryKeys: readonly string[],
): { offset: number; query: URLSearchParams; next: (offset: number) => string } {
  const token = ctx.req.query.get("$skiptoken");
  let offset = 0;
  let query = ctx.req.query;
  if (token !== null) {
    const state = ctx.tokens.decode<OffsetState>(kind, token);
    if (!Number.isInteger(state.offset) || state.offset < 0 || typeof state.query !== "object") {
      throw new SimGraphError(400, "BadRequest", "Invalid $skiptoken.");
    }
    offset = state.offset;
    query = new URLSearchParams(state.query);
  }
  const frozen: Record<string, string> = {};
  for (const key of queryKeys) {
    const value = query.get(key);
    if (value !== null) frozen[key] = value;
  }
  return {
    offset,
    query,
    next: (nextOffset) => ctx.tokens.encode(kind, { offset: nextOffset, query: frozen }),
  };
}
