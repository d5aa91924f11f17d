import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "../../clock";
import { SimGraphError, type SimTenant } from "../tenant/tenant-port";
import { runBatch } from "./batch";
import type { Counters } from "./counters";
import { errorResponse } from "./errors";
import { faultError, type FaultInjector } from "./faults";
import type { PagingTokens } from "./paging-token";
import { isAllowed, protectedGroupRefusal, ROUTE_PERMISSIONS } from "./permissions";
import { matchRoute, type RouteDef } from "./router";
import type { Throttler } from "./throttling";
import type { SimRequest, SimResponse } from "./types";

export interface PipelineDeps {
  tenant: SimTenant;
  clock: Clock;
  counters: Counters;
  throttler: Throttler;
  faults: FaultInjector;
  tokens: PagingTokens;
  routes: readonly RouteDef[];
  serviceRoot: () => string;
  /** Seeded, so the order of $batch responses is reproducible. */
  random: () => number;
}

/**
 * Auth → route → throttle → fault → handler, the same for top-level requests and $batch items,
 * so each batch item is throttled and faulted on its own as Graph does.
 */
export class Pipeline {
  private userCount = { value: 0, at: -Infinity };

  constructor(private readonly deps: PipelineDeps) {}

  async handle(req: SimRequest): Promise<SimResponse> {
    const clientRequestId = req.headers["client-request-id"] ?? randomUUID();
    const now = this.deps.clock.now();
    this.deps.counters.bump("total");
    const auth = req.headers["authorization"] ?? "";
    const token = /^Bearer\s+(\S.*)$/i.exec(auth)?.[1]?.trim();
    if (!token) {
      const message = auth === "" ? "Access token is empty." : "Invalid authentication token.";
      return errorResponse(401, "InvalidAuthenticationToken", message, now, clientRequestId);
    }
    if (req.path.toLowerCase() === "$batch") {
      if (req.method !== "POST") {
        return errorResponse(405, "BadRequest", "Only POST is allowed on $batch.", now, clientRequestId);
      }
      this.deps.counters.endpoint("batch");
      try {
        const response = await runBatch(
          req.body,
          (inner) => {
            this.deps.counters.bump("batchItems");
            return this.dispatch(inner, clientRequestId);
          },
          () => this.deps.clock.now(),
          this.deps.random,
        );
        return withIds(response, clientRequestId);
      } catch (error) {
        return this.toError(error, clientRequestId);
      }
    }
    return this.dispatch(req, clientRequestId);
  }

  private async dispatch(req: SimRequest, clientRequestId: string): Promise<SimResponse> {
    const { counters, clock } = this.deps;
    const match = matchRoute(this.deps.routes, req.method, req.path);
    if (match.kind === "notFound") {
      const message =
        req.path.toLowerCase() === "$batch" ? "Nested $batch requests are not supported." : undefined;
      return errorResponse(
        400,
        "BadRequest",
        message ?? `Resource not found for the segment '${match.segment}'.`,
        clock.now(),
        clientRequestId,
      );
    }
    if (match.kind === "methodNotAllowed") {
      return errorResponse(
        405,
        "Request_BadRequest",
        "Specified HTTP method is not allowed for the request target.",
        clock.now(),
        clientRequestId,
      );
    }
    const { route, params } = match;
    counters.endpoint(route.name);
    if (req.method !== "GET") counters.bump("writes");

    const allowedBy = ROUTE_PERMISSIONS[route.name];
    if (
      (allowedBy && !isAllowed(this.deps.tenant, allowedBy)) ||
      protectedGroupRefusal(this.deps.tenant, route.name, params)
    ) {
      return errorResponse(
        403,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
        clock.now(),
        clientRequestId,
      );
    }

    const demand = route.throttle(req);
    const decision = this.deps.throttler.check(demand, clock.now(), this.tenantUsers(demand.category));
    if (decision.throttled) {
      counters.bump("throttled");
      return errorResponse(
        429,
        "TooManyRequests",
        decision.message,
        clock.now(),
        clientRequestId,
        decision.headers,
      );
    }

    const fault = this.deps.faults.decide(route.name);
    if (fault.delayed) counters.bump("delayed");
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.status !== undefined) {
      counters.bump("faulted");
      const { code, message } = faultError(fault.status);
      return errorResponse(fault.status, code, message, clock.now(), clientRequestId, {
        ...decision.headers,
        ...fault.headers,
      });
    }

    try {
      const response = route.handler({
        req,
        params,
        tenant: this.deps.tenant,
        clock,
        serviceRoot: this.deps.serviceRoot(),
        tokens: this.deps.tokens,
        counters,
      });
      return withIds({ ...response, headers: { ...decision.headers, ...response.headers } }, clientRequestId);
    } catch (error) {
      return this.toError(error, clientRequestId, decision.headers);
    }
  }

  private toError(
    error: unknown,
    clientRequestId: string,
    headers: Record<string, string> = {},
  ): SimResponse {
    const now = this.deps.clock.now();
    if (error instanceof SimGraphError) {
      return errorResponse(error.status, error.code, error.message, now, clientRequestId, headers);
    }
    const message = error instanceof Error ? error.message : String(error);
    return errorResponse(
      500,
      "InternalServerError",
      `Simulator error: ${message}`,
      now,
      clientRequestId,
      headers,
    );
  }

  /** Tenant size decides the directory limit; counting users on every request would be wasteful. */
  private tenantUsers(category: string): number {
    if (category !== "directory") return 0;
    const wall = Date.now();
    if (wall - this.userCount.at > 1000)
      this.userCount = { value: this.deps.tenant.listUsers().length, at: wall };
    return this.userCount.value;
  }
}

function withIds(response: SimResponse, clientRequestId: string): SimResponse {
  return {
    ...response,
    headers: { ...response.headers, "request-id": randomUUID(), "client-request-id": clientRequestId },
  };
}
