import { RPC_PREFIX } from "./client-data";

export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  historyEvents?: Record<string, unknown>[];
}

/**
 * A thin test helper over the same loopback routes df.getClient() uses, so tests and scripts
 * can drive instances without writing a client function.
 */
export class HostClient {
  constructor(private readonly origin: string) {}

  private url(path: string): string {
    return `${this.origin}${RPC_PREFIX}/${path}`;
  }

  async startNew(name: string, options: { instanceId?: string; input?: unknown } = {}): Promise<string> {
    const id = options.instanceId ? `/${encodeURIComponent(options.instanceId)}` : "";
    const response = await fetch(this.url(`orchestrators/${encodeURIComponent(name)}${id}`), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: options.input === undefined ? "" : JSON.stringify(options.input),
    });
    const body = (await response.json()) as { id?: string; message?: string };
    if (response.status !== 202 || !body.id) {
      throw new Error(`startNew '${name}' failed with ${response.status}: ${body.message ?? ""}`);
    }
    return body.id;
  }

  /** Undefined when the instance does not exist (the route answers 404). */
  async getStatus(
    instanceId: string,
    options: { showHistory?: boolean } = {},
  ): Promise<InstanceStatus | undefined> {
    const query = options.showHistory ? "?showHistory=true" : "";
    const response = await fetch(this.url(`instances/${encodeURIComponent(instanceId)}${query}`));
    if (response.status === 404) return undefined;
    return (await response.json()) as InstanceStatus;
  }

  async list(): Promise<InstanceStatus[]> {
    return (await (await fetch(this.url("instances/"))).json()) as InstanceStatus[];
  }

  /** Returns the route's status code: 202 accepted, 404 unknown instance, 410 already finished. */
  async raiseEvent(instanceId: string, eventName: string, data?: unknown): Promise<number> {
    const response = await fetch(
      this.url(`instances/${encodeURIComponent(instanceId)}/raiseEvent/${encodeURIComponent(eventName)}`),
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: data === undefined ? "" : JSON.stringify(data),
      },
    );
    return response.status;
  }

  terminate(instanceId: string, reason = ""): Promise<number> {
    return this.control(instanceId, "terminate", reason);
  }

  suspend(instanceId: string, reason = ""): Promise<number> {
    return this.control(instanceId, "suspend", reason);
  }

  resume(instanceId: string, reason = ""): Promise<number> {
    return this.control(instanceId, "resume", reason);
  }

  async purge(instanceId: string): Promise<number> {
    return (await fetch(this.url(`instances/${encodeURIComponent(instanceId)}`), { method: "DELETE" }))
      .status;
  }

  private async control(instanceId: string, action: string, reason: string): Promise<number> {
    const response = await fetch(
      this.url(`instances/${encodeURIComponent(instanceId)}/${action}?reason=${encodeURIComponent(reason)}`),
      { method: "POST" },
    );
    return response.status;
  }
}
