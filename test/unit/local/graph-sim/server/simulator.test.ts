import { ManualClock } from "../../../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../../../local/graph-sim";
import { stripEchoedServiceRoot } from "../../../../../local/graph-sim/server/http-server";
import { FakeTenant, guid } from "./fake-tenant";

/** The HTTP front and control surface, against a small tenant double. */
describe("startGraphSimulator", () => {
  let clock: ManualClock;
  let tenant: FakeTenant;
  let sim: GraphSimulator;
  const auth = { Authorization: "Bearer test" };

  const get = (path: string, headers: Record<string, string> = auth) =>
    fetch(`${sim.baseUrl}${path}`, { headers });
  const control = (path: string, body?: unknown) =>
    fetch(`${sim.origin}/_sim/${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
    });

  beforeEach(async () => {
    clock = new ManualClock("2026-03-01T12:00:00Z");
    tenant = new FakeTenant({ clock, users: 12 });
    sim = await startGraphSimulator({ tenant, clock, seed: 9 });
  });

  afterEach(async () => {
    await sim.stop();
  });

  it("listens on 127.0.0.1 with Graph's v1.0 service root", () => {
    expect(sim.baseUrl).toBe(`http://127.0.0.1:${sim.port}/v1.0`);
    expect(sim.origin).toBe(`http://127.0.0.1:${sim.port}`);
  });

  it.each([
    [{}, "Access token is empty."],
    [{ Authorization: "Bearer " }, "Invalid authentication token."],
    [{ Authorization: "Basic abc" }, "Invalid authentication token."],
  ])("answers 401 in Graph's error format for headers %p", async (headers, message) => {
    const response = await get("/users", headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken", message } });
  });

  it("serves JSON with request-id and echoes client-request-id", async () => {
    const response = await get("/users?$top=1", { ...auth, "client-request-id": "abc-1" });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("client-request-id")).toBe("abc-1");
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 400 for an unknown segment and 405 for a wrong method, outside /v1.0 404", async () => {
    expect((await get("/nothingHere")).status).toBe(400);
    const wrongMethod = await fetch(`${sim.baseUrl}/users`, { method: "DELETE", headers: auth });
    expect(wrongMethod.status).toBe(405);
    expect((await fetch(`${sim.origin}/beta/users`, { headers: auth })).status).toBe(404);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await fetch(`${sim.baseUrl}/groups`, { method: "POST", headers: auth, body: "{oops" });
    expect(response.status).toBe(400);
  });

  it("follows a nextLink that the Graph SDK glued onto the service root", async () => {
    const first = (await (await get("/users?$top=5")).json()) as { "@odata.nextLink": string };
    const glued = `${sim.baseUrl}/${first["@odata.nextLink"]}`;
    const second = (await (await fetch(glued, { headers: auth })).json()) as { value: { id: string }[] };
    expect(second.value.map((u) => u.id)).toEqual([6, 7, 8, 9, 10].map(guid));
    expect(stripEchoedServiceRoot("http:/127.0.0.1:1/v1.0/users")).toBe("users");
    expect(stripEchoedServiceRoot("users")).toBe("users");
  });

  it("GET /_sim/state returns the tenant snapshot and POST /_sim/knobs applies a knob", async () => {
    expect(await (await control("state")).json()).toMatchObject({ users: 12, registeredUsers: 4 });
    const after = await control("knobs", { kind: "register", userId: guid(2) });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ registeredUsers: 5 });
    const bad = await control("knobs", { kind: "mfaOutage", from: "x", to: "y" });
    expect(bad.status).toBe(400);
  });

  it("counts requests, pages and throttling, and resets on POST /_sim/counters", async () => {
    await get("/auditLogs/signIns?$top=2");
    await get("/reports/authenticationMethods/userRegistrationDetails");
    await fetch(`${sim.baseUrl}/$batch`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({
        requests: [
          { id: "1", method: "GET", url: "/users" },
          { id: "2", method: "GET", url: "/users" },
        ],
      }),
    });
    const counters = (await (await control("counters")).json()) as Record<string, unknown>;
    expect(counters).toMatchObject({
      total: 3,
      batchItems: 2,
      signInPagesServed: 1,
      registrationPagesServed: 1,
      byEndpoint: { "signIns.list": 1, "registrationDetails.list": 1, batch: 1, "users.list": 2 },
    });
    const reset = await control("counters", {});
    expect(await reset.json()).toMatchObject({ total: 3 });
    expect(sim.counters()).toMatchObject({ total: 0, byEndpoint: {} });
  });

  it("changes throttling and faults at runtime through the control routes, refusing bad values", async () => {
    expect((await control("throttling", { reportsRequests: 1 })).status).toBe(200);
    expect((await get("/auditLogs/signIns?$top=1")).status).toBe(200);
    const throttled = await get("/auditLogs/signIns?$top=1");
    expect(throttled.status).toBe(429);
    expect(sim.counters().throttled).toBe(1);
    expect((await control("throttling", { reportsRequests: -1 })).status).toBe(400);
    expect((await control("throttling", { enabled: false })).status).toBe(200);
    expect((await get("/auditLogs/signIns?$top=1")).status).toBe(200);

    expect((await control("faults", { default: { rate504: 1 } })).status).toBe(200);
    expect((await get("/users")).status).toBe(504);
    expect(await (await control("faults")).json()).toEqual({ default: { rate504: 1 } });
    expect((await control("faults", { default: { rate500: 2 } })).status).toBe(400);
    sim.setFaults({});
    expect((await get("/users")).status).toBe(200);
  });

  it("adds the configured latency before answering", async () => {
    sim.setFaults({ endpoints: { "users.get": { latencyMs: 120 } } });
    const started = Date.now();
    expect((await get(`/users/${guid(1)}`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("the throttling window follows the simulator clock, not the wall clock", async () => {
    sim.setThrottling({ conditionalAccessRequests: 1 });
    expect((await get("/identity/conditionalAccess/policies")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await get("/identity/conditionalAccess/policies")).status).toBe(429);
    clock.advanceBy(1000);
    expect((await get("/identity/conditionalAccess/policies")).status).toBe(200);
  });

  it("answers an unknown control route with 404", async () => {
    expect((await control("nope")).status).toBe(404);
  });
});
