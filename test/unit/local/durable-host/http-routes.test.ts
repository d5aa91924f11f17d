import { findHttpFunction, matchRoute, parseRoute } from "../../../../local/durable-host/http-routes";
import type { Registration } from "../../../../local/durable-host";

function fn(name: string, route: string | undefined, methods: string[] = ["GET"]): Registration {
  return {
    name,
    trigger: { type: "httpTrigger", name: "req", route, methods },
    handler: () => undefined,
    extraInputs: [],
    extraOutputs: [],
  };
}

describe("HTTP route matching", () => {
  const functions = [
    fn("get", "rollouts/{id}"),
    fn("pause", "rollouts/{id}/pause", ["POST"]),
    fn("list", "rollouts"),
    fn("special", "rollouts/latest"),
    fn("numbered", "items/{n:int}"),
    fn("byName", undefined),
  ];

  it("extracts parameters and respects methods", () => {
    expect(findHttpFunction(functions, "POST", "/api/rollouts/r-1/pause")).toMatchObject({
      registration: { name: "pause" },
      params: { id: "r-1" },
    });
    expect(findHttpFunction(functions, "GET", "/api/rollouts/r-1/pause")).toBeUndefined();
  });

  it("prefers literal segments over parameters, case-insensitively", () => {
    expect(findHttpFunction(functions, "GET", "/api/Rollouts/latest")?.registration.name).toBe("special");
    expect(findHttpFunction(functions, "get", "/api/rollouts/other")?.registration.name).toBe("get");
  });

  it("uses the function name when no route is given, under the route prefix only", () => {
    expect(findHttpFunction(functions, "GET", "/api/byName")?.registration.name).toBe("byName");
    expect(findHttpFunction(functions, "GET", "/byName")).toBeUndefined();
    expect(findHttpFunction(functions, "GET", "/v2/byName", "v2")?.registration.name).toBe("byName");
  });

  it("applies constraints, optional and catch-all parameters", () => {
    expect(findHttpFunction(functions, "GET", "/api/items/12")?.params).toEqual({ n: "12" });
    expect(findHttpFunction(functions, "GET", "/api/items/x")).toBeUndefined();
    expect(matchRoute(parseRoute("files/{*path}"), ["files", "a", "b.txt"])).toEqual({ path: "a/b.txt" });
    expect(matchRoute(parseRoute("hello/{name?}"), ["hello"])).toEqual({});
    expect(matchRoute(parseRoute("hello/{name?}"), ["hello", "x", "y"])).toBeUndefined();
  });

  it("rejects templates it cannot honour", () => {
    expect(() => parseRoute("a/{b}c")).toThrow(/Unsupported route segment/);
  });
});
