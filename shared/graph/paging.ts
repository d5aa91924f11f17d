import type { GraphHttp, SendOptions } from "./graph-http";
import { requestError } from "./graph-http";
import { relativeToServiceRoot } from "./service-root";

/** Graph's collection envelope (graph-types has no paged wrapper). */
export interface GraphPage<T> {
  value: T[];
  "@odata.nextLink"?: string;
}

/**
 * Reads a collection page by page, following `@odata.nextLink` with the same headers (Graph
 * requires the Prefer header on every page, not only the first). Pages are handed to `onPage` and
 * dropped, so memory stays one page whatever the collection size.
 */
export async function forEachPage<T>(
  http: GraphHttp,
  firstPath: string,
  onPage: (items: T[]) => void | Promise<void>,
  options: SendOptions & { headers?: Record<string, string>; maxPages?: number } = {},
): Promise<{ pages: number; items: number }> {
  let path: string | undefined = firstPath;
  let pages = 0;
  let items = 0;
  const maxPages = options.maxPages ?? 1_000_000;
  while (path !== undefined) {
    if (pages >= maxPages) throw new Error(`Graph paging stopped after ${maxPages} pages at ${path}`);
    const request = {
      method: "GET" as const,
      path,
      ...(options.headers ? { headers: options.headers } : {}),
    };
    const response = await http.send(request, options);
    if (response.status !== 200) throw requestError(request, response);
    const page = response.body as Partial<GraphPage<T>> | undefined;
    if (!page || !Array.isArray(page.value)) throw new Error(`Graph GET ${path}: answer has no value array`);
    pages++;
    items += page.value.length;
    await onPage(page.value);
    const next = page["@odata.nextLink"];
    path =
      typeof next === "string" && next !== "" ? relativeToServiceRoot(next, http.serviceRoot) : undefined;
  }
  return { pages, items };
}
