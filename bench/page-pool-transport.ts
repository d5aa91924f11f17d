import type { GraphTransport } from "../shared/graph";
import { parseServiceRoot } from "../shared/graph/service-root";

/** A loopback service root like the simulator's; page nextLinks sit below it so the gateway follows them. */
export const POOL_SERVICE_ROOT = "http://127.0.0.1:1/v1.0";

/**
 * A GraphTransport that answers every GET with the next pre-rendered page, cycling a pool, for
 * `total` pages; the last one loses its nextLink so the gateway stops there. It parses the page
 * text with JSON.parse as the SDK transport does after `response.text()`: the gateway above it
 * (GraphHttp, paging, the sign-in filter) runs unchanged, only the socket is gone.
 */
export function pagePoolTransport(
  pool: readonly string[],
  total: number,
): GraphTransport & { served(): number } {
  let served = 0;
  return {
    serviceRoot: parseServiceRoot(POOL_SERVICE_ROOT),
    served: () => served,
    async send(request) {
      if (request.method !== "GET") throw new Error(`page pool transport: unexpected ${request.method}`);
      if (served >= total) throw new Error("page pool transport: asked past the last page");
      const text = pool[served % pool.length] as string;
      served++;
      // A socket's answer is read in a later turn of the event loop, after the caller's current
      // synchronous work (the fold of the page before, when paging reads ahead): so is this one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const body = JSON.parse(text) as Record<string, unknown>;
      if (served === total) delete body["@odata.nextLink"];
      return { status: 200, headers: {}, body };
    },
  };
}
