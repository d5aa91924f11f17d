import type { GraphTransport } from "../shared/graph";
import { parseServiceRoot } from "../shared/graph/service-root";

/** A loopback service root like the simulator's; page nextLinks sit below it so the gateway follows them. */
export const POOL_SERVICE_ROOT = "http://127.0.0.1:1/v1.0";

export interface PoolReadOptions {
  /**
   * Give each cycle of the pool correlation ids of its own, as a real log has about one per row
   * (a cycled pool repeats its few thousand, so a fold's attempts stop growing after one cycle).
   * Costs a string per row in the path, so a read with it measures memory, not speed.
   */
  distinctCorrelations?: boolean;
  /** Pages served by earlier transports of the same read, so their cycles differ from this one's. */
  firstPage?: number;
}

/**
 * A GraphTransport that answers every GET with the next pre-rendered page, cycling a pool, for
 * `total` pages; the last one loses its nextLink so the gateway stops there. It parses the page
 * text with JSON.parse as the SDK transport does after `response.text()`: the gateway above it
 * (GraphHttp, paging, the sign-in filter) runs unchanged, only the socket is gone.
 */
export function pagePoolTransport(
  pool: readonly string[],
  total: number,
  options: PoolReadOptions = {},
): GraphTransport & { served(): number } {
  const distinct = options.distinctCorrelations === true;
  const firstPage = options.firstPage ?? 0;
  let served = 0;
  return {
    serviceRoot: parseServiceRoot(POOL_SERVICE_ROOT),
    served: () => served,
    async send(request) {
      if (request.method !== "GET") throw new Error(`page pool transport: unexpected ${request.method}`);
      if (served >= total) throw new Error("page pool transport: asked past the last page");
      const index = distinct ? firstPage + served : served;
      const text = pool[index % pool.length] as string;
      served++;
      // A socket's answer is read in a later turn of the event loop, after the caller's current
      // synchronous work (the fold of the page before, when paging reads ahead): so is this one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const body = JSON.parse(text) as Record<string, unknown>;
      const cycle = Math.floor(index / pool.length);
      if (distinct && cycle > 0) renumberCorrelations(body, cycle);
      if (served === total) delete body["@odata.nextLink"];
      return { status: 200, headers: {}, body };
    },
  };
}

/** Replaces the first 8 hex digits of each row's correlation id with the cycle's number. */
function renumberCorrelations(body: Record<string, unknown>, cycle: number): void {
  const prefix = cycle.toString(16).padStart(8, "0");
  for (const row of body.value as { correlationId?: string | null }[]) {
    if (typeof row.correlationId === "string") row.correlationId = prefix + row.correlationId.slice(8);
  }
}
