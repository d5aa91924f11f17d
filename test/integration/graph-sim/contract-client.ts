import {
  Client,
  GraphError,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { GraphSimulator } from "../../../local/graph-sim";

/**
 * The SDK's AuthenticationHandler only attaches the bearer token to https Graph hosts (or https
 * customHosts) and deletes an Authorization header otherwise, so against the http loopback
 * simulator the token must be added by a middleware of our own.
 */
class LoopbackBearer implements Middleware {
  private next?: Middleware;

  constructor(private readonly token: string) {}

  async execute(context: Context): Promise<void> {
    const headers = new Headers((context.options?.headers as Record<string, string> | undefined) ?? {});
    if (this.token !== "") headers.set("Authorization", `Bearer ${this.token}`);
    context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    if (!this.next) throw new Error("LoopbackBearer must not be the last middleware");
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A Graph SDK client for the simulator: no retry handler, so tests see 429s and 5xxs as sent. */
export function simulatorClient(sim: GraphSimulator, token = "local-token"): Client {
  const auth = new LoopbackBearer(token);
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({ middleware: auth, baseUrl: sim.origin, defaultVersion: "v1.0" });
}

/** Runs a request expected to fail and returns the SDK's GraphError. */
export async function graphError(request: Promise<unknown>): Promise<GraphError> {
  try {
    await request;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

export interface Page<T> {
  value: T[];
  "@odata.nextLink"?: string;
  "@odata.context"?: string;
}

/** Follows @odata.nextLink with client.api(nextLink), exactly as PageIterator does. */
export async function allPages<T>(client: Client, first: Page<T>, limit = 1000): Promise<Page<T>[]> {
  const pages = [first];
  let current = first;
  while (current["@odata.nextLink"] && pages.length < limit) {
    current = (await client.api(current["@odata.nextLink"]).get()) as Page<T>;
    pages.push(current);
  }
  return pages;
}
