import type { DurableClientData } from "../durable-host/client-data";
import type { PlainRequest, PlainResponse } from "../durable-host/client-routes";
import { createInvocationContext, type HostLog } from "../durable-host/invocation-context";
import { startLoopbackServer, type LoopbackServer } from "../durable-host/loopback-server";
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
  private server: LoopbackServer | undefined;
  private readonly ready: Promise<DurableClientData>;
  private resolveReady!: (data: DurableClientData) => void;
  /** The durable client binding data the extension produced, once the host is up. */
  clientData: DurableClientData | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  async listen(): Promise<string> {
    this.server = await startLoopbackServer(0, (request) => this.route(request));
    return `${this.server.origin}/`;
  }

  /** Resolves with the client binding data when the host has started the extension. */
  whenReady(): Promise<DurableClientData> {
    return this.ready;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  manifest(): { orchestrators: string[]; activities: string[] } {
    const names = (type: string) => this.options.registry.ofType(type).map((r) => r.name);
    return { orchestrators: names("orchestrationTrigger"), activities: names("activityTrigger") };
  }

  private async route({ method, url, body }: PlainRequest): Promise<PlainResponse> {
    const [, kind, encodedName] = url.pathname.split("/");
    if (method === "GET" && kind === "manifest") return json(this.manifest());
    if (method === "POST" && kind === "ready") {
      this.clientData = JSON.parse(body) as DurableClientData;
      this.resolveReady(this.clientData);
      return json({});
    }
    const name = decodeURIComponent(encodedName ?? "");
    if (method === "POST" && kind === "orchestrator") {
      return json(await this.invoke(this.find(name, "orchestrationTrigger"), tryJsonParse(body)));
    }
    if (method === "POST" && kind === "activity") {
      const input = activityInput(body);
      await this.options.beforeActivity?.(name, input);
      const answer = await this.invoke(this.find(name, "activityTrigger"), input);
      await this.options.afterActivity?.(name, input);
      return json(answer);
    }
    return { status: 404, headers: {}, body: "" };
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

function json(value: unknown): PlainResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}
