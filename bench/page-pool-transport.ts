import type { GraphTransport } from "../shared/graph";
import { parseServiceRoot } from "../shared/graph/service-root";

/** A loopback service root like the simulator's; page nextLinks sit below it so the gateway follows them. */
export const POOL_SERVICE_ROOT = "http://127.0.0.1:1/v1.0";

export interface PoolReadOptions {
  /**
   * Serve the pool as one log read newest first, as Graph lists it: each cycle of the pool
   * continues the log a day earlier (the pool spans 11 hours of one day), with correlation ids of
   * its own (the first 8 hex digits replaced by the cycle's number), as a real log has about one
   * per row. A cycled pool would repeat its times and its few thousand correlation ids, which no
   * read meets. The parsed rows are rewritten (two short strings each, flattened, so the fold
   * reads them as it reads JSON.parse's; rewriting the page text instead left a megabyte string
   * per page for the old generation, which moved the peak RSS more than the fold did); the
   * rewrite's CPU time is kept apart (`rewriteSeconds`) for the caller to leave out of what it times.
   */
  continuedLog?: boolean;
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
): GraphTransport & { served(): number; rewriteSeconds(): number } {
  const continued = options.continuedLog === true;
  const firstPage = options.firstPage ?? 0;
  let served = 0;
  let rewriteSeconds = 0;
  return {
    serviceRoot: parseServiceRoot(POOL_SERVICE_ROOT),
    served: () => served,
    rewriteSeconds: () => rewriteSeconds,
    async send(request) {
      if (request.method !== "GET") throw new Error(`page pool transport: unexpected ${request.method}`);
      if (served >= total) throw new Error("page pool transport: asked past the last page");
      const index = continued ? firstPage + served : served;
      const text = pool[index % pool.length] as string;
      const cycle = Math.floor(index / pool.length);
      served++;
      // A socket's answer is read in a later turn of the event loop, after the caller's current
      // synchronous work (the fold of the page before, when paging reads ahead): so is this one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const body = JSON.parse(text) as Record<string, unknown>;
      if (continued && cycle > 0) {
        const started = process.cpuUsage();
        continueLog(body.value as Row[], cycle);
        const used = process.cpuUsage(started);
        rewriteSeconds += (used.user + used.system) / 1e6;
      }
      if (served === total) delete body["@odata.nextLink"];
      return { status: 200, headers: {}, body };
    },
  };
}

const DAY_MS = 86_400_000;

interface Row {
  createdDateTime?: string | null;
  correlationId?: string | null;
}

/** Rows of the pool as `cycle` days earlier, each correlation id's first 8 hex digits the cycle's number. */
function continueLog(rows: Row[], cycle: number): void {
  const prefix = cycle.toString(16).padStart(8, "0");
  const moved = new Map<string, string>();
  let sink = 0;
  for (const row of rows) {
    const created = row.createdDateTime;
    if (typeof created === "string" && created.length > 10) {
      const date = created.slice(0, 10);
      let day = moved.get(date);
      if (day === undefined) {
        day = new Date(Date.parse(`${date}T00:00:00Z`) - cycle * DAY_MS).toISOString().slice(0, 10);
        moved.set(date, day);
      }
      const shifted = day + created.slice(10);
      // Reading a character flattens the concatenation here, not in the timed fold.
      sink += shifted.charCodeAt(shifted.length - 1);
      row.createdDateTime = shifted;
    }
    const correlation = row.correlationId;
    if (typeof correlation === "string" && correlation.length > 8) {
      const renumbered = prefix + correlation.slice(8);
      sink += renumbered.charCodeAt(renumbered.length - 1);
      row.correlationId = renumbered;
    }
  }
  if (sink < 0) throw new Error("unreachable");
}
