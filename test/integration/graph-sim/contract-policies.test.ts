import { ResponseType, type Client } from "@microsoft/microsoft-graph-client";
import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import { graphError, simulatorClient, type Page } from "./contract-client";
import { schemaErrors, validators } from "./contract-schemas";

/** Conditional Access policies through the Graph SDK, validated against the v1.0 schema. */
const BASE = "/identity/conditionalAccess/policies";

const reportOnlyMfa = (name: string): ConditionalAccessPolicy => ({
  displayName: name,
  state: "enabledForReportingButNotEnforced",
  conditions: {
    users: { includeUsers: ["All"], excludeGroups: [] },
    applications: { includeApplications: ["All"] },
    clientAppTypes: ["all"],
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
});

describe("Graph simulator contract: Conditional Access policies", () => {
  let clock: ManualClock;
  let sim: GraphSimulator;
  let client: Client;

  beforeAll(async () => {
    clock = new ManualClock("2026-01-20T12:00:00Z");
    sim = await startGraphSimulator({ scenario: "clean", seed: 11, clock });
    client = simulatorClient(sim);
  });

  afterAll(async () => {
    await sim.stop();
  });

  // Policy calls are limited to about one per second: every step moves the virtual clock on.
  beforeEach(() => clock.advanceBy(1_000));
  const step = () => clock.advanceBy(1_000);

  it("creates (201), reads, lists, patches (204) and deletes (204) a policy, all schema-valid", async () => {
    const created = (await client
      .api(BASE)
      .post(reportOnlyMfa("contract: require MFA"))) as ConditionalAccessPolicy;
    expect(schemaErrors(validators.policy, created)).toBe("");
    expect(created).toMatchObject({
      displayName: "contract: require MFA",
      state: "enabledForReportingButNotEnforced",
    });
    const id = created.id ?? "";

    step();
    const read = (await client.api(`${BASE}/${id}`).get()) as ConditionalAccessPolicy;
    expect(schemaErrors(validators.policy, read)).toBe("");
    expect(read.grantControls?.builtInControls).toEqual(["mfa"]);

    step();
    const list = (await client.api(BASE).get()) as Page<ConditionalAccessPolicy>;
    expect(list.value.map((p) => p.id)).toContain(id);
    for (const policy of list.value) expect(schemaErrors(validators.policy, policy)).toBe("");

    step();
    await expect(client.api(`${BASE}/${id}`).patch({ state: "enabled" })).resolves.toBeUndefined();
    step();
    expect(((await client.api(`${BASE}/${id}`).get()) as ConditionalAccessPolicy).state).toBe("enabled");

    step();
    await expect(client.api(`${BASE}/${id}`).delete()).resolves.toBeUndefined();
    step();
    const gone = await graphError(client.api(`${BASE}/${id}`).get());
    expect(gone.statusCode).toBe(404);
  });

  it("answers errors in Graph's format with request ids", async () => {
    const raw = (await client
      .api(`${BASE}/00000000-0000-0000-0000-000000000000`)
      .header("client-request-id", "contract-42")
      .responseType(ResponseType.RAW)
      .get()) as Response;
    expect(raw.status).toBe(404);
    const body = (await raw.json()) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      "request-id": raw.headers.get("request-id"),
      "client-request-id": "contract-42",
    });
  });

  it("rejects an invalid policy with 400 and a PATCH of an unknown policy with 404", async () => {
    const invalid = await graphError(client.api(BASE).post({ state: "enabled" }));
    expect(invalid.statusCode).toBe(400);
    step();
    const unknown = await graphError(
      client.api(`${BASE}/00000000-0000-0000-0000-000000000000`).patch({ state: "disabled" }),
    );
    expect(unknown.statusCode).toBe(404);
  });

  it("throttles at about one call per second with no Retry-After, and recovers when the clock moves", async () => {
    await client.api(BASE).get();
    const throttled = await graphError(client.api(BASE).get());
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers?.get("Retry-After")).toBeNull();
    clock.advanceBy(1_000);
    await expect(client.api(BASE).get()).resolves.toBeDefined();
  });
});
