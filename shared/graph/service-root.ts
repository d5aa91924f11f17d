/**
 * The Graph SDK builds `host + "/" + version + "/" + path`, so a configured service root such as
 * `https://graph.microsoft.com/v1.0` or the simulator's `http://127.0.0.1:PORT/v1.0` has to be
 * split into the SDK's `baseUrl` (no version) and `defaultVersion`.
 */
export interface ServiceRoot {
  /** e.g. "http://127.0.0.1:5123" — what the SDK calls baseUrl. */
  host: string;
  /** e.g. "v1.0". */
  version: string;
  /** host + "/" + version, without a trailing slash. */
  root: string;
}

const VERSION = /^(v\d+(\.\d+)?|beta)$/;

export function parseServiceRoot(baseUrl: string): ServiceRoot {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`Graph base URL is not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`Graph base URL must be http(s): ${baseUrl}`);
  }
  if (url.search || url.hash)
    throw new TypeError(`Graph base URL must not carry a query or fragment: ${baseUrl}`);
  const segments = url.pathname.split("/").filter((s) => s !== "");
  const version = segments.pop();
  if (version === undefined || !VERSION.test(version)) {
    throw new TypeError(
      `Graph base URL must end with the API version, e.g. https://graph.microsoft.com/v1.0 (got ${baseUrl})`,
    );
  }
  const host = `${url.origin}${segments.length ? `/${segments.join("/")}` : ""}`;
  return { host, version, root: `${host}/${version}` };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function isLoopback(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * An `@odata.nextLink` as a path below the service root. Links to any other origin are refused:
 * following them would hand our bearer token to a host we never configured.
 */
export function relativeToServiceRoot(link: string, root: ServiceRoot): string {
  const prefix = `${root.root}/`;
  if (link.startsWith(prefix)) return `/${link.slice(prefix.length)}`;
  if (link.startsWith("/")) return link;
  throw new Error(`Refusing to follow a Graph link outside ${root.root}: ${link}`);
}
