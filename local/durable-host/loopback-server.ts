import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PlainRequest, PlainResponse } from "./client-routes";

export interface LoopbackServer {
  port: number;
  origin: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** An HTTP server on 127.0.0.1 only (port 0 = any free port) that hands plain requests to `handle`. */
export async function startLoopbackServer(
  port: number,
  handle: (request: PlainRequest, headers: Record<string, string>) => Promise<PlainResponse>,
): Promise<LoopbackServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const address = server.address() as AddressInfo;
        const url = new URL(req.url ?? "/", `http://127.0.0.1:${address.port}`);
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(req.headers)) {
          if (typeof value === "string") headers[key] = value;
          else if (Array.isArray(value)) headers[key] = value.join(", ");
        }
        const response = await handle(
          { method: req.method ?? "GET", url, body: await readBody(req) },
          headers,
        );
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      } catch (error) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(error instanceof Error ? error.message : String(error));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    origin: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
