import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DurableClientData } from "../durable-host/client-data";
import { createInvocationContext, type HostLog } from "../durable-host/invocation-context";
import type { Registration, Registry } from "../durable-host/registry";

/**
 * Runs before an activity's handler, or after it and before the extension hears of the result;
 * a test can hold an activity there to act while, for the extension, it still runs.
 */
export type ActivityGate = (name: string, input: unknown) => Promise<void> | void;

export interface WorkerOptions {
  registry: Registry;
  log?: HostLog;
  beforeActivity?: ActivityGate;
  afterActivity?: ActivityGate;
}

type Answer = { ok: true; result: string | null } | { ok: false; message: string; stack: string };

/**
 * The Node side of the real-extension host: it plays the Functions Node worker. The .NET host
 * asks it for the app's function names, then forwards each orchestrator and activity invocation
 * here; handlers run with the trigger value the worker would give them (see README.md).
 */
export class NodeWorker {
  private server: Server | undefined;
  private readonly ready: Promise<DurableClientData>;
  private resolveReady!: (data: DurableClientData) => void;
  /** The durable client binding data the extension produced, once the host is up. */
  clientData: DurableClientData | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(error instanceof Error ? error.message : String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Resolves with the client binding data when the host has started the extension. */
  whenReady(): Promise<DurableClientData> {
    return this.ready;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  manifest(): { orchestrators: string[]; activities: string[] } {
    const names = (type: string) => this.options.registry.ofType(type).map((r) => r.name);
    return { orchestrators: names("orchestrationTrigger"), activities: names("activityTrigger") };
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://worker");
    const body = await readBody(request);
    const [, kind, encodedName] = url.pathname.split("/");
    if (request.method === "GET" && kind === "manifest") return sendJson(response, this.manifest());
    if (request.method === "POST" && kind === "ready") {
      this.clientData = JSON.parse(body) as DurableClientData;
      this.resolveReady(this.clientData);
      return sendJson(response, {});
    }
    const name = decodeURIComponent(encodedName ?? "");
    if (request.method === "POST" && kind === "orchestrator") {
      return sendJson(
        response,
        await this.invoke(this.find(name, "orchestrationTrigger"), tryJsonParse(body)),
      );
    }
    if (request.method === "POST" && kind === "activity") {
      const input = activityInput(body);
      await this.options.beforeActivity?.(name, input);
      const answer = await this.invoke(this.find(name, "activityTrigger"), input);
      await this.options.afterActivity?.(name, input);
      return sendJson(response, answer);
    }
    response.writeHead(404).end();
  }

  private find(name: string, type: string): Registration {
    const registration = this.options.registry.find(name, type);
    if (!registration) throw new Error(`No ${type} function named '${name}' is registered.`);
    return registration;
  }

  private async invoke(registration: Registration, trigger: unknown): Promise<Answer> {
    if (!this.clientData) throw new Error("The host invoked a function before it was ready.");
    const log = this.options.log ?? (() => undefined);
    const context = createInvocationContext(registration, this.clientData, log);
    try {
      const result: unknown = await registration.handler(trigger, context);
      return { ok: true, result: result === undefined ? null : JSON.stringify(result) };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      return { ok: false, message: failure.message, stack: failure.stack ?? "" };
    }
  }
}

/**
 * The extension hands the worker the activity input as JSON; a string value reaches the worker as
 * string typed data, which @azure/functions' fromRpcTypedData parses if it is JSON (tryJsonParse).
 * durable-functions JSON.stringify's string inputs when scheduling (Utils.processInput), so this
 * undoes exactly that.
 */
function activityInput(body: string): unknown {
  const value: unknown = JSON.parse(body);
  return typeof value === "string" ? tryJsonParse(value) : value;
}

function tryJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(value));
}
