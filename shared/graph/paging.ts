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
 *
 * `readAhead` asks for the next page before handing over the current one, so that the service
 * prepares it while `onPage` works (a sign-in sweep spends as long folding a page as Graph takes
 * to send it). The requests and their order are the same; at most two pages are held.
 */
export async function forEachPage<T>(
  http: GraphHttp,
  firstPath: string,
  onPage: (items: T[]) => void | Promise<void>,
  options: SendOptions & { headers?: Record<string, string>; maxPages?: number; readAhead?: boolean } = {},
): Promise<{ pages: number; items: number }> {
  let pages = 0;
  let items = 0;
  const maxPages = options.maxPages ?? 1_000_000;
  const fetchPage = async (path: string): Promise<{ value: T[]; next: string | undefined }> => {
    const request = {
      method: "GET" as const,
      path,
      ...(options.headers ? { headers: options.headers } : {}),
    };
    const response = await http.send(request, options);
    if (response.status !== 200) throw requestError(request, response);
    const page = response.body as Partial<GraphPage<T>> | undefined;
    if (!page || !Array.isArray(page.value)) throw new Error(`Graph GET ${path}: answer has no value array`);
    const next = page["@odata.nextLink"];
    return {
      value: page.value,
      next:
        typeof next === "string" && next !== "" ? relativeToServiceRoot(next, http.serviceRoot) : undefined,
    };
  };
  let path: string | undefined = firstPath;
  let ahead: Promise<{ value: T[]; next: string | undefined }> | undefined;
  // A page is taken and handed over outside this loop's frame: a variable here would keep it
  // while the loop waits for onPage and the next page, and every young-generation collection in
  // that wait (V8 runs them between event-loop tasks) would copy the whole parsed page, a megabyte
  // of objects, for nothing (BENCHMARKS.md, gate throughput).
  const take = (page: { value: T[]; next: string | undefined }): void | Promise<void> => {
    ahead = undefined;
    pages++;
    items += page.value.length;
    path = page.next;
    if (options.readAhead && path !== undefined && pages < maxPages) {
      ahead = fetchPage(path);
      // Its failure is met when the page is taken; if onPage throws first, nobody takes it.
      ahead.catch(() => undefined);
    }
    return onPage(page.value);
  };
  while (path !== undefined) {
    if (pages >= maxPages) throw new Error(`Graph paging stopped after ${maxPages} pages at ${path}`);
    await take(await (ahead ?? fetchPage(path)));
  }
  return { pages, items };
}
