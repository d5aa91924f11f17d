import { HttpRequest, HttpResponse, type HttpResponseInit } from "@azure/functions";
import type { DurableClientData } from "./client-data";
import type { PlainResponse } from "./client-routes";
import { createInvocationContext, type HostLog } from "./invocation-context";
import type { Registration } from "./registry";

export interface HttpInvocation {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | object;
}

export function bodyText(body: string | object | undefined): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}

/** Calls an HTTP function with a real HttpRequest and reads its response like the worker does. */
export async function invokeHttpFunction(
  registration: Registration,
  invocation: HttpInvocation,
  params: Record<string, string>,
  clientData: DurableClientData,
  log: HostLog,
): Promise<PlainResponse> {
  const url = new URL(invocation.url);
  const text = bodyText(invocation.body);
  const headers = { ...(invocation.headers ?? {}) };
  if (
    typeof invocation.body === "object" &&
    !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")
  ) {
    headers["content-type"] = "application/json";
  }
  const request = new HttpRequest({
    method: invocation.method.toUpperCase(),
    url: url.toString(),
    headers,
    query: Object.fromEntries(url.searchParams),
    params,
    body: text === undefined ? undefined : { string: text },
  });
  const context = createInvocationContext(registration, clientData, log);
  try {
    const result = await registration.handler(request, context);
    return await toPlainResponse(result);
  } catch (error) {
    log(
      `[${registration.name}] threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return { status: 500, headers: {}, body: "" };
  }
}

async function toPlainResponse(result: unknown): Promise<PlainResponse> {
  if (result === undefined || result === null) return { status: 204, headers: {}, body: "" };
  const response =
    typeof (result as HttpResponse).text === "function" && (result as HttpResponse).headers instanceof Headers
      ? (result as HttpResponse)
      : new HttpResponse(result as HttpResponseInit);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  return { status: response.status, headers, body: await response.text() };
}
