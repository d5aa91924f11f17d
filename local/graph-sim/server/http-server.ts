import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { normalizeQuery } from "./batch";
import { errorResponse } from "./errors";
import { encodeJsonChunks } from "./json-chunks";
import type { SimRequest, SimResponse } from "./types";

export const VERSION_SEGMENT = "v1.0";
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpHandlers {
  graph(req: SimRequest): Promise<SimResponse>;
  control(method: string, path: string, body: unknown): SimResponse;
  now(): Date;
}

class BodyError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyError("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError("the request body is not valid JSON");
  }
}

function send(res: ServerResponse, response: SimResponse): void {
  const hasBody = response.body !== undefined && response.status !== 204;
  // Encoded once, in small pieces (see json-chunks.ts): the length is known before anything is sent.
  const chunks = hasBody ? encodeJsonChunks(response.body) : [];
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  res.writeHead(response.status, {
    ...response.headers,
    ...(hasBody ? { "Content-Length": length } : {}),
  });
  res.cork();
  for (const chunk of chunks) res.write(chunk);
  res.end();
}

/**
 * The Graph SDK only strips the host from https:// URLs, so `client.api(nextLink)` with the
 * simulator's http:// nextLink requests "/v1.0/http://127.0.0.1:PORT/v1.0/users?...". Accepting that
 * form lets PageIterator and hand-written paging work unchanged against the simulator.
 */
export function stripEchoedServiceRoot(path: string): string {
  const echoed = new RegExp(`^https?:/+[^/]+/${VERSION_SEGMENT.replace(".", "\\.")}/`, "i").exec(path);
  return echoed ? path.slice(echoed[0].length) : path;
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** node:http front: routes /v1.0/... to the Graph pipeline and /_sim/... to the controls. */
export function createGraphHttpServer(handlers: HttpHandlers): Server {
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = (req.method ?? "GET").toUpperCase();
      try {
        const body = parseJson(await readBody(req));
        if (url.pathname.startsWith("/_sim/")) {
          if (!isLoopback(req.socket.remoteAddress)) {
            send(res, {
              status: 403,
              headers: {},
              body: { error: { code: "SimControl", message: "loopback only" } },
            });
            return;
          }
          send(res, handlers.control(method, url.pathname, body));
          return;
        }
        const prefix = `/${VERSION_SEGMENT}/`;
        if (!url.pathname.startsWith(prefix)) {
          send(
            res,
            errorResponse(
              404,
              "NotFound",
              `Only ${prefix} is served by the Graph simulator.`,
              handlers.now(),
            ),
          );
          return;
        }
        send(
          res,
          await handlers.graph({
            method,
            path: stripEchoedServiceRoot(url.pathname.slice(prefix.length)),
            query: normalizeQuery(url.searchParams),
            headers: lowerHeaders(req),
            body,
          }),
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const status = error instanceof BodyError ? 400 : 500;
        send(
          res,
          errorResponse(
            status,
            status === 400 ? "BadRequest" : "InternalServerError",
            message,
            handlers.now(),
          ),
        );
      }
    })();
  });
}
