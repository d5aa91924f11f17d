import type { Clock } from "../../clock";
import type { SimTenant } from "../tenant/tenant-port";
import type { Counters } from "./counters";
import type { PagingTokens } from "./paging-token";

/** A Graph request after HTTP parsing; $batch items are turned into the same shape. */
export interface SimRequest {
  method: string;
  /** Path below the version segment, without leading slash, e.g. "groups/123/members/$ref". */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Everything a route handler may use; handlers stay pure functions of this. */
export interface RouteContext {
  req: SimRequest;
  params: Record<string, string>;
  tenant: SimTenant;
  clock: Clock;
  /** Service root, e.g. http://127.0.0.1:PORT/v1.0 (used for @odata.context and nextLink). */
  serviceRoot: string;
  tokens: PagingTokens;
  counters: Counters;
}

export type RouteHandler = (ctx: RouteContext) => SimResponse;

/** Which throttling model a route falls under (Graph's service-specific limits). */
export type ThrottleCategory = "directory" | "reports" | "conditionalAccess" | "none";
