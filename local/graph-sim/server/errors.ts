import { randomUUID } from "node:crypto";
import { SimGraphError } from "../tenant/tenant-port";
import type { SimResponse } from "./types";

export { SimGraphError };

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; "request-id": string; "client-request-id": string };
  };
}

/** Graph's error envelope; `date` has no fractional seconds and no zone, as Graph prints it. */
export function graphErrorBody(
  code: string,
  message: string,
  now: Date,
  requestId: string,
  clientRequestId: string,
): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        date: now.toISOString().slice(0, 19),
        "request-id": requestId,
        "client-request-id": clientRequestId,
      },
    },
  };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  now: Date,
  clientRequestId: string = randomUUID(),
  headers: Record<string, string> = {},
): SimResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: {
      "Content-Type": "application/json",
      ...headers,
      "request-id": requestId,
      "client-request-id": clientRequestId,
    },
    body: graphErrorBody(code, message, now, requestId, clientRequestId),
  };
}

export const badRequest = (message: string, code = "BadRequest"): SimGraphError =>
  new SimGraphError(400, code, message);

export const notFound = (id: string): SimGraphError =>
  new SimGraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
