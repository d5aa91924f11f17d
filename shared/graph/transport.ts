import { ResponseType, type Client } from "@microsoft/microsoft-graph-client";
import type { ServiceRoot } from "./service-root";

export type GraphMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface GraphHttpRequest {
  method: GraphMethod;
  /** Below the service root, starting with "/", query values already encoded (see query.ts). */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Aborts the exchange (GraphHttp's request timeout). */
  signal?: AbortSignal;
}

export interface GraphHttpResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON when there is a JSON body, the text otherwise, undefined when empty. */
  body: unknown;
}

/** One HTTP exchange, no retries; GraphHttp layers throttling and accounting on top. */
export interface GraphTransport {
  readonly serviceRoot: ServiceRoot;
  send(request: GraphHttpRequest): Promise<GraphHttpResponse>;
}

/** The connection failed (no HTTP answer): reset, refused, DNS, TLS. */
export class GraphTransportError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(
      `Graph ${method} ${path}: no response (${cause instanceof Error ? cause.message : String(cause)})`,
      {
        cause,
      },
    );
    this.name = "GraphTransportError";
  }
}

/**
 * Sends through the real Graph SDK client with ResponseType.RAW, so the SDK does the URL
 * composition, auth and fetch while every status (429s included) comes back to us unthrown with
 * its headers: retry decisions need Retry-After, which the SDK's parsed errors drop.
 */
export function sdkTransport(client: Client, serviceRoot: ServiceRoot): GraphTransport {
  return {
    serviceRoot,
    async send(request) {
      try {
        let raw: Response;
        const call = client.api(request.path).responseType(ResponseType.RAW);
        if (request.headers) call.headers(request.headers);
        // GraphRequest.option() values are merged into the fetch options, so fetch sees the signal.
        if (request.signal) call.option("signal", request.signal);
        switch (request.method) {
          case "GET":
            raw = (await call.get()) as Response;
            break;
          case "POST":
            raw = (await call.post(request.body ?? {})) as Response;
            break;
          case "PATCH":
            raw = (await call.patch(request.body ?? {})) as Response;
            break;
          case "DELETE":
            raw = (await call.delete()) as Response;
            break;
        }
        // Inside the try: a connection lost (or timed out) while the body streams is no answer either.
        return await readResponse(raw);
      } catch (error) {
        throw new GraphTransportError(request.method, request.path, error);
      }
    },
  };
}

async function readResponse(raw: Response): Promise<GraphHttpResponse> {
  const headers: Record<string, string> = {};
  raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const text = await raw.text();
  let body: unknown = undefined;
  if (text !== "") {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  return { status: raw.status, headers, body };
}
