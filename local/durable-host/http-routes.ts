import type { Registration } from "./registry";

/** ASP.NET-style route segment: literal, {name}, {name?}, {name:constraint}, {*name}. */
type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string; optional: boolean; constraint?: string }
  | { kind: "catchAll"; name: string };

const PRECEDENCE = { literal: 0, constrained: 1, param: 2, optional: 3, catchAll: 4 } as const;

export function parseRoute(template: string): Segment[] {
  return template
    .split("/")
    .filter((s) => s !== "")
    .map((part): Segment => {
      const match = /^\{(\*)?([A-Za-z_][\w]*)(?::([^}?]+))?(\?)?\}$/.exec(part);
      if (!match) {
        if (part.includes("{")) throw new Error(`Unsupported route segment '${part}' in '${template}'`);
        return { kind: "literal", text: part.toLowerCase() };
      }
      const [, star, name, constraint, optional] = match;
      if (star) return { kind: "catchAll", name: name as string };
      return { kind: "param", name: name as string, optional: optional === "?", constraint };
    });
}

function satisfies(value: string, constraint: string | undefined): boolean {
  switch (constraint) {
    case undefined:
      return true;
    case "int":
    case "long":
      return /^-?\d+$/.test(value);
    case "guid":
      return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value);
    case "alpha":
      return /^[a-z]+$/i.test(value);
    case "bool":
      return /^(true|false)$/i.test(value);
    default:
      throw new Error(`Unsupported route constraint '${constraint}'`);
  }
}

/** Parameters if `path` (segments after the route prefix) matches, else undefined. */
export function matchRoute(segments: Segment[], path: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const value = path[i];
    if (segment.kind === "catchAll") {
      params[segment.name] = path.slice(i).join("/");
      return params;
    }
    if (value === undefined) {
      if (segment.kind === "param" && segment.optional) continue;
      return undefined;
    }
    if (segment.kind === "literal") {
      if (segment.text !== value.toLowerCase()) return undefined;
    } else {
      if (!satisfies(value, segment.constraint)) return undefined;
      params[segment.name] = value;
    }
  }
  return path.length <= segments.length ? params : undefined;
}

function rank(segments: Segment[]): number[] {
  return segments.map((s) => {
    if (s.kind === "literal") return PRECEDENCE.literal;
    if (s.kind === "catchAll") return PRECEDENCE.catchAll;
    if (s.optional) return PRECEDENCE.optional;
    return s.constraint ? PRECEDENCE.constrained : PRECEDENCE.param;
  });
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

export interface HttpRouteMatch {
  registration: Registration;
  params: Record<string, string>;
}

/**
 * Finds the HTTP function for a request like the Functions host: routes under the route prefix
 * (default "api"), the function name when no route is given, literal segments winning over
 * parameters, methods checked case-insensitively.
 */
export function findHttpFunction(
  registrations: Registration[],
  method: string,
  pathname: string,
  routePrefix = "api",
): HttpRouteMatch | undefined {
  const path = pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => decodeURIComponent(s));
  const prefix = routePrefix.split("/").filter((s) => s !== "");
  for (let i = 0; i < prefix.length; i++) {
    if (path[i]?.toLowerCase() !== prefix[i]?.toLowerCase()) return undefined;
  }
  const rest = path.slice(prefix.length);
  let best: (HttpRouteMatch & { rank: number[] }) | undefined;
  for (const registration of registrations) {
    const trigger = registration.trigger as { route?: string; methods?: string[] };
    const methods = (trigger.methods ?? ["GET", "POST"]).map((m) => m.toUpperCase());
    if (!methods.includes(method.toUpperCase())) continue;
    const segments = parseRoute(trigger.route ?? registration.name);
    const params = matchRoute(segments, rest);
    if (!params) continue;
    const candidate = { registration, params, rank: rank(segments) };
    if (!best || compareRanks(candidate.rank, best.rank) < 0) best = candidate;
  }
  return best ? { registration: best.registration, params: best.params } : undefined;
}
