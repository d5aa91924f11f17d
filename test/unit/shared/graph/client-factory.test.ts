import type { AccessToken, TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { AppConfig } from "../../../../shared/config";
import { createGraphClient, graphOptionsFromConfig, GRAPH_SCOPE } from "../../../../shared/graph";
import { parseServiceRoot, relativeToServiceRoot } from "../../../../shared/graph/service-root";
import { sdkTransport } from "../../../../shared/graph/transport";
import { startFakeGraph, type FakeGraphServer } from "./fake-graph-server";

describe("service root", () => {
  it("splits a versioned base URL into the SDK's baseUrl and defaultVersion", () => {
    expect(parseServiceRoot("https://graph.microsoft.com/v1.0")).toEqual({
      host: "https://graph.microsoft.com",
      version: "v1.0",
      root: "https://graph.microsoft.com/v1.0",
    });
    expect(parseServiceRoot("http://127.0.0.1:4567/v1.0/")).toMatchObject({
      host: "http://127.0.0.1:4567",
      version: "v1.0",
    });
    expect(parseServiceRoot("http://127.0.0.1:4567/sim/beta")).toMatchObject({
      host: "http://127.0.0.1:4567/sim",
      version: "beta",
    });
  });

  it("rejects base URLs without a version, with a query, or not http(s)", () => {
    expect(() => parseServiceRoot("https://graph.microsoft.com")).toThrow(/must end with the API version/);
    expect(() => parseServiceRoot("https://graph.microsoft.com/v1.0?x=1")).toThrow(/query/);
    expect(() => parseServiceRoot("ftp://x/v1.0")).toThrow(/http/);
    expect(() => parseServiceRoot("not a url")).toThrow(/not a URL/);
  });

  it("follows nextLinks only below the configured root", () => {
    const root = parseServiceRoot("http://127.0.0.1:4567/v1.0");
    expect(relativeToServiceRoot("http://127.0.0.1:4567/v1.0/auditLogs/signIns?$skiptoken=abc", root)).toBe(
      "/auditLogs/signIns?$skiptoken=abc",
    );
    expect(() => relativeToServiceRoot("https://evil.example/v1.0/x", root)).toThrow(/outside/);
  });
});

describe("createGraphClient", () => {
  let server: FakeGraphServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("talks to an http://127.0.0.1:PORT/v1.0 simulator through the real SDK with the static token", async () => {
    server = await startFakeGraph((req) => ({
      status: 200,
      body: { path: req.path, auth: req.headers["authorization"] },
    }));
    const { client, serviceRoot } = createGraphClient({ baseUrl: server.baseUrl, staticToken: "sim-token" });
    expect(server.requests).toHaveLength(0);
    const response = await sdkTransport(client, serviceRoot).send({
      method: "GET",
      path: "/groups?$filter=displayName%20eq%20'a%26b'",
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ path: "/groups", auth: "Bearer sim-token" });
    expect(server.requests[0]?.query.get("$filter")).toBe("displayName eq 'a&b'");
  });

  it("uses a token credential for the Graph .default scope in Azure mode", async () => {
    const scopes: (string | string[])[] = [];
    const credential: TokenCredential = {
      getToken: async (scope): Promise<AccessToken> => {
        scopes.push(scope);
        return { token: "mi-token", expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    // The last middleware is swapped for a recorder: nothing leaves the machine.
    const sent: { url: string; headers: Record<string, string> }[] = [];
    const sender: Middleware = {
      execute: async (context: Context) => {
        sent.push({
          url: String(context.request),
          headers: { ...(context.options?.headers as Record<string, string>) },
        });
        context.response = new Response(JSON.stringify({ value: [] }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      },
    };
    const { client, serviceRoot } = createGraphClient({
      baseUrl: "https://graph.microsoft.com/v1.0",
      credential,
      sender,
    });
    const response = await sdkTransport(client, serviceRoot).send({ method: "GET", path: "/groups?$top=1" });
    expect(response.status).toBe(200);
    expect(sent[0]?.url).toBe("https://graph.microsoft.com/v1.0/groups?$top=1");
    expect(sent[0]?.headers["Authorization"]).toBe("Bearer mi-token");
    expect(scopes).toEqual([[GRAPH_SCOPE]]);
    expect(GRAPH_SCOPE).toBe("https://graph.microsoft.com/.default");
    expect(() =>
      createGraphClient({ baseUrl: "https://graph.microsoft.com/v1.0", managedIdentityClientId: "c1" }),
    ).not.toThrow();
  });

  it("keeps the static token on loopback and the managed identity on https", () => {
    expect(() =>
      createGraphClient({ baseUrl: "https://graph.microsoft.com/v1.0", staticToken: "t" }),
    ).toThrow(/not loopback/);
    expect(() =>
      createGraphClient({ baseUrl: "http://10.0.0.5/v1.0", managedIdentityClientId: "c1" }),
    ).toThrow(/https/);
    expect(() => createGraphClient({ baseUrl: "https://graph.microsoft.com/v1.0" })).toThrow(
      /managedIdentityClientId/,
    );
  });

  it("maps the app config onto client options", () => {
    const local = {
      graphBaseUrl: "http://127.0.0.1:9/v1.0",
      graphStaticToken: "t",
      tablePrefix: "",
    } as AppConfig;
    expect(graphOptionsFromConfig(local)).toEqual({ baseUrl: "http://127.0.0.1:9/v1.0", staticToken: "t" });
    const azure = {
      graphBaseUrl: "https://graph.microsoft.com/v1.0",
      managedIdentityClientId: "mi",
      tablePrefix: "",
    } as AppConfig;
    expect(graphOptionsFromConfig(azure)).toEqual({
      baseUrl: "https://graph.microsoft.com/v1.0",
      managedIdentityClientId: "mi",
    });
  });
});
