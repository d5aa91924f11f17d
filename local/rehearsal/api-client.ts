import { LOCAL_ADMIN, principalHeader, type LocalPrincipal } from "./local-admin";

export interface ApiResponse {
  status: number;
  body: string;
  json<T = unknown>(): T;
}

export type Api = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/**
 * Calls the HTTP API the way an admin's script would: real HTTP to the local host's port, with
 * the caller identity App Service Authentication would have added.
 */
export function httpApi(baseUrl: string, principal: LocalPrincipal = LOCAL_ADMIN): Api {
  return async (method, path, body) => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { "x-ms-client-principal": principalHeader(principal), "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text, json: <T>() => JSON.parse(text) as T };
  };
}
