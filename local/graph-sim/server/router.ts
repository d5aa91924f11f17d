import type { ThrottleDemand } from "./throttling";
import type { RouteHandler, SimRequest } from "./types";

/** One Graph operation: its name (used by counters and fault rules), path pattern and cost. */
export interface RouteDef {
  name: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Segments separated by "/", ":name" captures one segment; literals match case-insensitively. */
  pattern: string;
  throttle: (req: SimRequest) => ThrottleDemand;
  handler: RouteHandler;
  /** Writes count towards the write counter even when Graph's cost table does not say so. */
  write?: boolean;
}

export type RouteMatch =
  | { kind: "found"; route: RouteDef; params: Record<string, string> }
  | { kind: "methodNotAllowed" }
  | { kind: "notFound"; segment: string };

function segments(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPattern(pattern: string, parts: string[]): Record<string, string> | undefined {
  const expected = segments(pattern);
  if (expected.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i] ?? "";
    const got = parts[i] ?? "";
    if (want.startsWith(":")) params[want.slice(1)] = got;
    else if (want.toLowerCase() !== got.toLowerCase()) return undefined;
  }
  return params;
}

export function matchRoute(routes: readonly RouteDef[], method: string, path: string): RouteMatch {
  const parts = segments(path).map(decode);
  let pathExists = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, parts);
    if (!params) continue;
    pathExists = true;
    if (route.method === method.toUpperCase()) return { kind: "found", route, params };
  }
  if (pathExists) return { kind: "methodNotAllowed" };
  return { kind: "notFound", segment: parts[parts.length - 1] ?? "" };
}
