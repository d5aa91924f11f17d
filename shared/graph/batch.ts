import { GraphRetriesExhaustedError } from "./errors";
import type { GraphHttp } from "./graph-http";
import { bump, type GraphRequestCounts } from "./request-counters";
import { isThrottleStatus, parseRetryAfterMs } from "./retry-policy";
import type { GraphMethod } from "./transport";

/** Graph's JSON batching limit. */
export const MAX_BATCH_ITEMS = 20;

export interface BatchItem {
  method: GraphMethod;
  /** Below the service root, starting with "/" (e.g. "/groups/{id}"). */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Indexes (into the same input array, lower than this item's) that must succeed first. */
  dependsOn?: readonly number[];
}

export interface BatchItemResult {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: unknown;
}

interface WireResponse {
  id?: unknown;
  status?: unknown;
  headers?: unknown;
  body?: unknown;
}

/**
 * Runs any number of requests through `POST /$batch`, 20 at a time, and returns one result per
 * input, in input order. Graph throttles each inner request on its own, so a 200 batch can hold
 * 429 items: only those (and other 5xx items) are sent again, after the longest Retry-After among
 * them, or exponential backoff when they carry none. An item whose dependency failed comes back
 * 424; it is re-sent with its dependency when that is retried, and is final when the dependency
 * failed for good. Batches go out one at a time; after one with retryable items the rest wait
 * too. Items still throttled after the retry budget raise GraphRetriesExhaustedError: the callers'
 * operations are idempotent, so running again is safe.
 */
export async function runBatch(
  http: GraphHttp,
  items: readonly BatchItem[],
  options: {
    tally?: GraphRequestCounts;
    /**
     * A $batch is a POST, so a lost or timed-out one is not re-sent unless every item is safe to
     * repeat: by default when none of them is a POST; callers whose POSTs are idempotent say so.
     */
    idempotent?: boolean;
  } = {},
): Promise<BatchItemResult[]> {
  const idempotent = options.idempotent ?? items.every((item) => item.method !== "POST");
  const units = dependencyUnits(items);
  const tallies = options.tally ? [http.counts, options.tally] : [http.counts];
  const results: (BatchItemResult | undefined)[] = new Array(items.length).fill(undefined);
  const attempts = new Array<number>(items.length).fill(0);
  let pending = new Set(items.map((_, i) => i));

  while (pending.size > 0) {
    const retry = new Set<number>();
    let waitMs = 0;
    const chunks = packChunks(units, pending);
    let unsent: number[] = [];
    for (const [c, chunk] of chunks.entries()) {
      const inChunk = new Set(chunk);
      const requests = chunk.map((i) => {
        const item = items[i] as BatchItem;
        attempts[i] = (attempts[i] ?? 0) + 1;
        if ((attempts[i] ?? 0) > 1) bump(tallies, "retries");
        bump(tallies, "batchItems");
        if (item.method !== "GET") bump(tallies, "writes");
        const dependsOn = (item.dependsOn ?? []).filter((d) => inChunk.has(d)).map(String);
        return {
          id: String(i),
          method: item.method,
          url: item.path,
          ...(item.headers || item.body !== undefined
            ? {
                headers: {
                  ...(item.body !== undefined ? { "Content-Type": "application/json" } : {}),
                  ...item.headers,
                },
              }
            : {}),
          ...(item.body !== undefined ? { body: item.body } : {}),
          ...(dependsOn.length ? { dependsOn } : {}),
        };
      });
      const response = await http.sendOk(
        { method: "POST", path: "/$batch", body: { requests } },
        { idempotent, ...(options.tally ? { tally: options.tally } : {}) },
      );
      const byId = parseBatchResponses(response.body);
      const retryable = new Set<number>();
      for (const i of chunk) {
        const result = byId.get(String(i)) ?? {
          status: 500,
          headers: {},
          body: { error: { code: "MissingBatchResponse", message: `no response for batch item ${i}` } },
        };
        results[i] = result;
        if (result.status === 429 || result.status >= 500) {
          retryable.add(i);
          if (isThrottleStatus(result.status)) bump(tallies, "throttled");
        }
      }
      // A 424 is only worth re-sending when what it waited for is being re-sent too.
      for (const i of chunk) {
        if (
          results[i]?.status === 424 &&
          (items[i]?.dependsOn ?? []).some((d) => retryable.has(d) || retry.has(d))
        ) {
          retryable.add(i);
        }
      }
      for (const i of retryable) {
        const item = items[i] as BatchItem;
        const result = results[i] as BatchItemResult;
        const retryAfterMs = parseRetryAfterMs(result.headers["retry-after"], http.now());
        if ((attempts[i] ?? 0) >= http.policy.maxAttempts) {
          throw new GraphRetriesExhaustedError(
            item.method,
            item.path,
            attempts[i] ?? 0,
            result.status,
            retryAfterMs,
            `batch item still ${result.status}`,
          );
        }
        if (retryAfterMs !== undefined && retryAfterMs > http.policy.maxRetryAfterMs) {
          throw new GraphRetriesExhaustedError(
            item.method,
            item.path,
            attempts[i] ?? 0,
            result.status,
            retryAfterMs,
            `Retry-After ${Math.round(retryAfterMs / 1000)} s exceeds the ${http.policy.maxRetryAfterMs / 1000} s limit`,
          );
        }
        if (result.status !== 424) {
          waitMs = Math.max(waitMs, http.retryDelayMs(attempts[i] ?? 1, result.headers["retry-after"]));
        }
        retry.add(i);
      }
      // Graph is pushing back: hold the rest of this round's chunks until the wait is over
      // rather than spend them (and more of the throttling window) on certain 429s.
      if (retry.size > 0) {
        unsent = chunks.slice(c + 1).flat();
        break;
      }
    }
    if (retry.size > 0) await http.sleep(waitMs);
    pending = new Set([...retry, ...unsent]);
  }
  return results as BatchItemResult[];
}

/** Items linked by dependsOn must travel in the same batch; each unit is one such group. */
function dependencyUnits(items: readonly BatchItem[]): number[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] as number;
    return i;
  };
  items.forEach((item, i) => {
    if (!item.path.startsWith("/") || item.path === "/$batch") {
      throw new TypeError(`batch item ${i}: path must start with "/" and not be /$batch (got ${item.path})`);
    }
    for (const d of item.dependsOn ?? []) {
      if (!Number.isInteger(d) || d < 0 || d >= i) {
        throw new TypeError(`batch item ${i}: dependsOn must name earlier items (got ${d})`);
      }
      parent[find(i)] = find(d);
    }
  });
  const units = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    units.set(root, [...(units.get(root) ?? []), i]);
  });
  for (const unit of units.values()) {
    if (unit.length > MAX_BATCH_ITEMS) {
      throw new RangeError(
        `a dependsOn chain of ${unit.length} items cannot fit one batch of ${MAX_BATCH_ITEMS}`,
      );
    }
  }
  return [...units.values()];
}

function packChunks(units: readonly number[][], pending: ReadonlySet<number>): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  for (const unit of units) {
    const live = unit.filter((i) => pending.has(i));
    if (live.length === 0) continue;
    if (current.length + live.length > MAX_BATCH_ITEMS) {
      chunks.push(current);
      current = [];
    }
    current.push(...live);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function parseBatchResponses(body: unknown): Map<string, BatchItemResult> {
  const out = new Map<string, BatchItemResult>();
  const responses = (body as { responses?: unknown } | undefined)?.responses;
  if (!Array.isArray(responses)) throw new Error("Graph $batch answer has no responses array");
  for (const raw of responses as WireResponse[]) {
    if (typeof raw.id !== "string" || typeof raw.status !== "number") continue;
    const headers: Record<string, string> = {};
    if (raw.headers && typeof raw.headers === "object") {
      for (const [name, value] of Object.entries(raw.headers as Record<string, unknown>)) {
        headers[name.toLowerCase()] = String(value);
      }
    }
    out.set(raw.id, { status: raw.status, headers, body: raw.body });
  }
  return out;
}
