import type { TokenCredential } from "@azure/identity";
import { ManagedIdentityCredential } from "@azure/identity";
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  TelemetryHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { isLoopback, parseServiceRoot, type ServiceRoot } from "./service-root";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export interface GraphClientOptions {
  /** Service root including the version, e.g. https://graph.microsoft.com/v1.0 or http://127.0.0.1:PORT/v1.0. */
  baseUrl: string;
  /** Local simulator only: a fixed bearer token; refused for anything but a loopback base URL. */
  staticToken?: string;
  /** Azure: the user-assigned managed identity's client id. */
  managedIdentityClientId?: string;
  /** Azure, for tests or other hosts: a ready credential (wins over managedIdentityClientId). */
  credential?: TokenCredential;
  /** Tests only: replaces the last link (HTTPMessageHandler, the global-fetch sender). */
  sender?: Middleware;
}

export interface GraphClientHandle {
  client: Client;
  serviceRoot: ServiceRoot;
}

/**
 * The middleware chain is built by hand rather than taken from Client.init's default because the
 * default includes the SDK RetryHandler. GraphHttp already retries 429/503/504 with an injectable
 * sleep, counts each retry and backs off exponentially when Conditional Access sends no
 * Retry-After; the SDK handler would add up to 3 hidden retries per attempt (3 x 7 requests for
 * one call), sleep with real timers under virtual time, and never see items inside a $batch.
 * The RedirectHandler is left out too: Graph does not redirect these calls, and following a
 * redirect would move our token to another host. Requests go out through HTTPMessageHandler,
 * which calls Node 20's global fetch.
 */
export function createGraphClient(options: GraphClientOptions): GraphClientHandle {
  const serviceRoot = parseServiceRoot(options.baseUrl);
  let auth: Middleware;
  if (options.staticToken !== undefined) {
    if (!isLoopback(serviceRoot.root)) {
      throw new Error(
        `A static Graph token is for the local simulator only; ${serviceRoot.host} is not loopback. Use a managed identity.`,
      );
    }
    auth = new StaticBearerMiddleware(options.staticToken);
  } else {
    const credential =
      options.credential ??
      (options.managedIdentityClientId !== undefined
        ? new ManagedIdentityCredential({ clientId: options.managedIdentityClientId })
        : undefined);
    if (!credential) {
      throw new Error(
        "Graph client needs a managedIdentityClientId (Azure) or a staticToken (local simulator)",
      );
    }
    if (new URL(serviceRoot.root).protocol !== "https:") {
      throw new Error(`Graph base URL must be https when using a managed identity: ${serviceRoot.root}`);
    }
    const provider = new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] });
    auth = new AuthenticationHandler(provider);
  }
  const middleware: Middleware[] = [auth, new TelemetryHandler(), options.sender ?? new HTTPMessageHandler()];
  const client = Client.initWithMiddleware({
    middleware,
    baseUrl: serviceRoot.host,
    defaultVersion: serviceRoot.version,
  });
  return { client, serviceRoot };
}

/**
 * The SDK's AuthenticationHandler only attaches tokens to https Graph hosts (and strips the header
 * otherwise), so the http loopback simulator needs its own handler. It refuses non-loopback URLs,
 * so the static token cannot leak to a real endpoint even through a crafted nextLink.
 */
class StaticBearerMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly token: string) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    if (!isLoopback(url)) throw new Error(`Static Graph token refused for non-loopback URL ${url}`);
    context.options = context.options ?? {};
    // The SDK keeps request headers as a plain object (see its MiddlewareUtil.appendRequestHeader).
    const headers = { ...(context.options.headers as Record<string, string> | undefined) };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === "authorization") delete headers[name];
    headers.Authorization = `Bearer ${this.token}`;
    context.options.headers = headers;
    if (!this.next) throw new Error("StaticBearerMiddleware must not be last in the chain");
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
