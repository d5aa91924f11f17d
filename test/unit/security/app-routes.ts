import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";
import { captureRegistrations, type Registration } from "../../../local/durable-host";
import { encodeClientPrincipal } from "../../../shared/auth";
import { useDependencies, type Dependencies } from "../../../shared/runtime/dependencies";

/** One HTTP route × method the app registers, with the settings the Functions host would bind. */
export interface AppRoute {
  name: string;
  method: string;
  route: string;
  authLevel: unknown;
  registration: Registration;
}

let captured: AppRoute[] | undefined;

/** Every HTTP route of the app, read from the registrations functions/index.ts makes. */
export function appRoutes(): AppRoute[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  captured ??= captureRegistrations(() => require("../../../functions"))
    .ofType("httpTrigger")
    .flatMap((registration) => {
      const trigger = registration.trigger as { methods?: string[]; route?: string; authLevel?: unknown };
      return (trigger.methods ?? []).map((method) => ({
        name: registration.name,
        method: method.toUpperCase(),
        route: trigger.route ?? registration.name,
        authLevel: trigger.authLevel,
        registration,
      }));
    });
  return captured;
}

export const key = (r: { method: string; route: string }) => `${r.method} ${r.route}`;

/** Route parameters that make every route reach its authorization check. */
const PARAMS: Record<string, string> = {
  id: "security-test",
  action: "pause",
  userId: "6a1f0c2e-0000-4000-8000-0000000000aa",
};

export interface Caller {
  principal?: string;
  headers?: Record<string, string>;
}

export const ADMIN_MFA = encodeClientPrincipal({
  id: "00000000-0000-4000-8000-00000000ad01",
  name: "admin@contoso.test",
  roles: ["Rollout.Admin"],
  amr: ["pwd", "mfa"],
});
export const ADMIN_NO_MFA = encodeClientPrincipal({
  id: "00000000-0000-4000-8000-00000000ad02",
  name: "admin-pwd@contoso.test",
  roles: ["Rollout.Admin"],
  amr: ["pwd"],
});
export const READER = encodeClientPrincipal({
  id: "00000000-0000-4000-8000-00000000ad03",
  name: "reader@contoso.test",
  roles: ["Rollout.Reader"],
  amr: ["pwd", "mfa"],
});

/**
 * Stands in for storage and Graph: any use of them is recorded and fails, so a test can tell
 * whether a request got past authorization (and a rejected one provably touched nothing).
 */
export function trapDependencies(): { touched: () => number } {
  let touched = 0;
  const trap = new Proxy({} as Dependencies, {
    get(_target, property) {
      // Promise.resolve() asks any object whether it is a thenable: that is not a use.
      if (property === "then") return undefined;
      touched++;
      throw new Error(`security test: dependency ${String(property)} used`);
    },
  });
  useDependencies(trap);
  return { touched: () => touched };
}

export async function invoke(
  route: AppRoute,
  caller: Caller,
  overrides: { params?: Record<string, string>; body?: string } = {},
): Promise<HttpResponseInit & { headers: Record<string, string> }> {
  const headers: Record<string, string> = { "content-type": "application/json", ...caller.headers };
  if (caller.principal !== undefined) headers["x-ms-client-principal"] = caller.principal;
  const params = { ...PARAMS, ...overrides.params };
  const path = route.route.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? name);
  const request = new HttpRequest({
    method: route.method,
    url: `http://127.0.0.1/api/${path}`,
    headers,
    params,
    ...(route.method === "GET" || route.method === "DELETE"
      ? {}
      : { body: { string: overrides.body ?? "{}" } }),
  });
  const context = new InvocationContext({ functionName: route.name, logHandler: () => undefined });
  const response = (await route.registration.handler(request, context)) as HttpResponseInit;
  const responseHeaders: Record<string, string> = {};
  new Headers(response.headers as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
    responseHeaders[name] = value;
  });
  return { ...response, headers: responseHeaders };
}
