import { randomUUID } from "node:crypto";
import { SimGraphError } from "../tenant/tenant-port";
import { graphErrorBody } from "./errors";
import { JSON_CONTENT_TYPE, ok } from "./collection";
import type { SimRequest, SimResponse } from "./types";

/** Graph's JSON batching limit. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

export interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const bad = (message: string) => new SimGraphError(400, "BadRequest", message);

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw bad("Invalid batch payload: 'requests' must be an array.");
  if (requests.length === 0) throw bad("Invalid batch payload: 'requests' is empty.");
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw bad(
      `Invalid batch payload: the number of requests (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const seen = new Set<string>();
  const items = requests.map((raw: unknown, index): BatchItem => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const id = r.id;
    if (typeof id !== "string" || id === "") throw bad(`Batch request ${index} has no 'id'.`);
    if (seen.has(id.toLowerCase())) throw bad(`Batch request id '${id}' is not unique.`);
    seen.add(id.toLowerCase());
    if (typeof r.method !== "string" || typeof r.url !== "string") {
      throw bad(`Batch request '${id}' needs 'method' and 'url'.`);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, unknown>))
      headers[k.toLowerCase()] = String(v);
    const dependsOn = r.dependsOn === undefined ? [] : r.dependsOn;
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== "string")) {
      throw bad(`Batch request '${id}' has an invalid 'dependsOn'.`);
    }
    return {
      id,
      method: r.method.toUpperCase(),
      url: r.url,
      headers,
      body: r.body,
      dependsOn: dependsOn as string[],
    };
  });
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!seen.has(dep.toLowerCase()))
        throw bad(`Batch request '${item.id}' depends on unknown id '${dep}'.`);
    }
  }
  return items;
}

/** Orders items so each runs after its dependencies; a cycle is a malformed batch. */
function executionOrder(items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: BatchItem[] = [];
  const visit = (item: BatchItem): void => {
    const key = item.id.toLowerCase();
    if (done.has(key)) return;
    if (visiting.has(key)) throw bad(`Batch requests have a circular dependsOn at '${item.id}'.`);
    visiting.add(key);
    for (const dep of item.dependsOn) {
      const target = byId.get(dep.toLowerCase());
      if (target) visit(target);
    }
    visiting.delete(key);
    done.add(key);
    order.push(item);
  };
  items.forEach(visit);
  return order;
}

/** Inner URLs are relative to the service root ("/users?$top=1" or "users?$top=1"). */
export function toInnerRequest(item: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}): SimRequest {
  if (/^[a-z]+:\/\//i.test(item.url)) throw bad(`Batch request URLs must be relative, got '${item.url}'.`);
  const parsed = new URL(item.url.replace(/^\/+/, ""), "http://batch.invalid/");
  return {
    method: item.method,
    path: parsed.pathname.replace(/^\/+/, ""),
    query: normalizeQuery(parsed.searchParams),
    headers: item.headers,
    body: item.body,
  };
}

/** OData system query options are case-insensitive: $orderBy and $orderby are the same option. */
export function normalizeQuery(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of params) out.append(key.startsWith("$") ? key.toLowerCase() : key, value);
  return out;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}

export async function runBatch(
  body: unknown,
  run: (req: SimRequest) => Promise<SimResponse>,
  now: () => Date,
  random: () => number,
): Promise<SimResponse> {
  const items = parseItems(body);
  const results = new Map<string, BatchResponseItem>();
  for (const item of executionOrder(items)) {
    const failed = item.dependsOn.find((dep) => (results.get(dep.toLowerCase())?.status ?? 0) >= 400);
    if (failed !== undefined) {
      results.set(item.id.toLowerCase(), {
        id: item.id,
        status: 424,
        headers: { "Content-Type": "application/json" },
        body: graphErrorBody(
          "FailedDependency",
          `The request depends on '${failed}', which failed.`,
          now(),
          randomUUID(),
          "",
        ),
      });
      continue;
    }
    let response: SimResponse;
    try {
      response = await run(toInnerRequest(item));
    } catch (error) {
      if (!(error instanceof SimGraphError)) throw error;
      response = {
        status: error.status,
        headers: { "Content-Type": "application/json" },
        body: graphErrorBody(error.code, error.message, now(), randomUUID(), ""),
      };
    }
    const headers = { ...response.headers };
    if (headers["Content-Type"] === JSON_CONTENT_TYPE) headers["Content-Type"] = "application/json";
    results.set(item.id.toLowerCase(), {
      id: item.id,
      status: response.status,
      headers,
      ...(response.body !== undefined ? { body: response.body } : {}),
    });
  }
  // Graph answers in any order; shuffling keeps clients honest about correlating by id.
  const ordered = items.map((i) => results.get(i.id.toLowerCase()) as BatchResponseItem);
  return ok({ responses: shuffle(ordered, random) });
}
