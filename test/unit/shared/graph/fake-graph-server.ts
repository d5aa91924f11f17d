import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake saw; `$batch` items are recorded too, with `viaBatch`. */
export interface FakeRequest {
  method: string;
  /** Below the version segment, with a leading "/", no query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  viaBatch: boolean;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse;

export interface FakeGraphServer {
  baseUrl: string;
  requests: FakeRequest[];
  /** HTTP requests received (a $batch counts once). */
  httpCalls(): number;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP server speaking just enough Graph for the gateway's unit tests: it unpacks
 * `$batch` into items for the same handler, so tests see (and assert on) every inner request.
 * `onBatch` may answer the $batch envelope itself (e.g. a whole-batch 429).
 */
export async function startFakeGraph(
  handler: FakeHandler,
  onBatch?: (req: FakeRequest) => FakeResponse | undefined,
): Promise<FakeGraphServer> {
  const requests: FakeRequest[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    calls++;
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "FakeFailure", message: String(error) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
    const request: FakeRequest = {
      method: req.method ?? "GET",
      path: url.pathname.replace(/^\/v1\.0/, ""),
      query: url.searchParams,
      headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      viaBatch: false,
    };
    requests.push(request);
    let answer: FakeResponse;
    if (request.method === "POST" && request.path === "/$batch") {
      answer = onBatch?.(request) ?? batch(request);
    } else {
      answer = handler(request);
    }
    send(res, answer);
  }

  function batch(envelope: FakeRequest): FakeResponse {
    const items = (
      envelope.body as {
        requests: {
          id: string;
          method: string;
          url: string;
          headers?: Record<string, string>;
          body?: unknown;
        }[];
      }
    ).requests;
    if (items.length > 20)
      return { status: 400, body: { error: { code: "BadRequest", message: "too many requests" } } };
    const responses = items.map((item) => {
      const url = new URL(item.url, "http://127.0.0.1");
      const inner: FakeRequest = {
        method: item.method,
        path: url.pathname,
        query: url.searchParams,
        headers: Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
        body: item.body,
        viaBatch: true,
      };
      requests.push(inner);
      const r = handler(inner);
      return { id: item.id, status: r.status, headers: r.headers ?? {}, body: r.body };
    });
    // Graph answers batch items in any order; so does the fake.
    return { status: 200, body: { responses: responses.reverse() } };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    requests,
    httpCalls: () => calls,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body !== undefined) headers["content-type"] = "application/json";
  res.writeHead(answer.status, headers);
  res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
}

export const graphError = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): FakeResponse => ({
  status,
  ...(headers ? { headers } : {}),
  body: { error: { code, message } },
});
