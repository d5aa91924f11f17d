import { randomUUID } from "node:crypto";
import { managementPayload, RPC_PREFIX, WEBHOOK_PREFIX } from "./client-data";
import type { OrchestrationEngine } from "./engine";
import { isTerminal, parseJson, type InstanceState, type RuntimeStatus } from "./instance-state";

export interface PlainRequest {
  method: string;
  url: URL;
  body: string;
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function isClientRoute(pathname: string): boolean {
  return pathname.startsWith(`${WEBHOOK_PREFIX}/`) || pathname.startsWith(`${RPC_PREFIX}/`);
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): PlainResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: value === undefined ? "" : JSON.stringify(value),
  };
}

function message(status: number, text: string): PlainResponse {
  return json(status, { message: text });
}

/** The status document the extension returns; input/output are always present (null if none). */
export function statusPayload(
  state: InstanceState,
  showHistory: boolean,
  showInput = true,
): Record<string, unknown> {
  return {
    name: state.name,
    instanceId: state.instanceId,
    runtimeStatus: state.status,
    input: showInput ? (parseJson(state.input) ?? null) : null,
    customStatus: parseJson(state.customStatus) ?? null,
    output: parseJson(state.output) ?? null,
    createdTime: state.createdTime,
    lastUpdatedTime: state.lastUpdatedTime,
    ...(showHistory ? { historyEvents: state.history } : {}),
  };
}

/** 202 while the instance can still change, 200 once it has ended (the extension's codes). */
function statusCode(status: RuntimeStatus): number {
  return isTerminal(status) ? 200 : 202;
}

function segmentsAfterPrefix(pathname: string): string[] | undefined {
  for (const prefix of [WEBHOOK_PREFIX, RPC_PREFIX]) {
    if (pathname.startsWith(`${prefix}/`)) {
      return pathname
        .slice(prefix.length + 1)
        .split("/")
        .filter((s) => s !== "")
        .map((s) => decodeURIComponent(s));
    }
  }
  return undefined;
}

/**
 * The Durable Functions extension's HTTP API (both the webhook routes the management URLs
 * point at and the RPC routes df.getClient() calls), served from the engine.
 */
export async function handleClientRequest(
  engine: OrchestrationEngine,
  taskHubName: string,
  request: PlainRequest,
): Promise<PlainResponse> {
  const segments = segmentsAfterPrefix(request.url.pathname);
  if (!segments) return message(404, "not a durable task route");
  const origin = request.url.origin;
  const method = request.method.toUpperCase();
  const [area, id, action, extra] = segments;
  const query = request.url.searchParams;
  const reason = query.get("reason") ?? "";

  if (area === "orchestrators" && method === "POST" && id !== undefined) {
    const instanceId = action ?? randomUUID().replace(/-/g, "");
    const started = await engine.startNew(id, instanceId, request.body === "" ? undefined : request.body);
    if (started.status !== 202) return message(started.status, started.message ?? "");
    const payload = managementPayload(origin, taskHubName, instanceId);
    return json(202, payload, { location: payload.statusQueryGetUri ?? "" });
  }
  if (area !== "instances") return message(404, `unknown durable task route ${request.url.pathname}`);

  if (id === undefined) {
    if (method === "GET")
      return json(
        200,
        listInstances(engine, query).map((s) => statusPayload(s, false, query.get("showInput") !== "false")),
      );
    if (method === "DELETE") {
      let deleted = 0;
      for (const state of listInstances(engine, query)) if (await engine.purge(state.instanceId)) deleted++;
      return deleted > 0 ? json(200, { instancesDeleted: deleted }) : json(404, undefined);
    }
    return message(405, `${method} is not supported on the instance collection`);
  }
  if (action === undefined) {
    if (method === "GET") {
      const state = engine.getInstance(id);
      if (!state) return json(404, undefined);
      return json(
        statusCode(state.status),
        statusPayload(state, query.get("showHistory") === "true", query.get("showInput") !== "false"),
      );
    }
    if (method === "DELETE") {
      const deleted = await engine.purge(id);
      return deleted ? json(200, { instancesDeleted: 1 }) : json(404, undefined);
    }
    return message(405, `${method} is not supported on an instance`);
  }
  if (method !== "POST") return message(405, `${action} needs POST`);
  if (action === "raiseEvent") {
    if (!extra) return message(400, "event name missing");
    const code = await engine.raiseEvent(id, extra, request.body === "" ? undefined : request.body);
    return json(code, undefined);
  }
  if (action === "terminate" || action === "suspend" || action === "resume") {
    return json(await engine.control(id, action, reason), undefined);
  }
  return message(501, `${action} is not supported by the local durable host`);
}

/** Instances matching the extension's query filters (runtimeStatus list, created time range). */
function listInstances(engine: OrchestrationEngine, query: URLSearchParams): InstanceState[] {
  const statuses = query.get("runtimeStatus")?.split(",").filter(Boolean);
  const from = query.get("createdTimeFrom");
  const to = query.get("createdTimeTo");
  return engine
    .listInstances()
    .filter((s) => !statuses || statuses.includes(s.status))
    .filter((s) => !from || Date.parse(s.createdTime) >= Date.parse(from))
    .filter((s) => !to || Date.parse(s.createdTime) <= Date.parse(to));
}
