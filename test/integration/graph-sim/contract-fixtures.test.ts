import { readFileSync } from "node:fs";
import path from "node:path";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../local/clock";
import { startGraphSimulator, type GraphSimulator } from "../../../local/graph-sim";
import { simulatorClient, type Page } from "./contract-client";
import { schemaErrors, validators } from "./contract-schemas";

/**
 * The simulator's payloads must look like the documentation's: every field a doc fixture shows with
 * a value is present with the same JSON type (null in either is tolerated: Graph nulls unset fields).
 */
const FIXTURES = path.resolve(__dirname, "../../fixtures/graph");
const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;

type JsonType = "string" | "number" | "boolean" | "array" | "object" | "null";
const typeOf = (v: unknown): JsonType =>
  v === null ? "null" : Array.isArray(v) ? "array" : (typeof v as "string" | "number" | "boolean" | "object");

/** Paths (a/b/c, arrays as []) with their JSON types. */
function shape(value: unknown, prefix = "", out = new Map<string, JsonType>()): Map<string, JsonType> {
  const type = typeOf(value);
  if (prefix !== "") out.set(prefix, type);
  if (type === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (!key.startsWith("@odata.")) shape(child, prefix === "" ? key : `${prefix}/${key}`, out);
    }
  } else if (type === "array") {
    for (const item of value as unknown[]) shape(item, `${prefix}[]`, out);
  }
  return out;
}

/** Differences between what the docs show and what the simulator sent. */
function shapeDifferences(
  docItems: unknown[],
  simItems: unknown[],
  ignore: readonly string[] = [],
): string[] {
  const doc = new Map<string, JsonType>();
  docItems.forEach((item) =>
    shape(item, "", doc).forEach((t, k) => (doc.has(k) && t === "null") || doc.set(k, t)),
  );
  const sim = new Map<string, Set<JsonType>>();
  for (const item of simItems) {
    for (const [key, type] of shape(item)) sim.set(key, (sim.get(key) ?? new Set()).add(type));
  }
  const problems: string[] = [];
  for (const [key, type] of doc) {
    if (type === "null" || ignore.includes(key)) continue;
    const seen = sim.get(key);
    // Element paths only count when the simulator sent a non-empty array there.
    if (!seen && key.endsWith("[]") && sim.has(key.slice(0, -2))) continue;
    if (!seen) problems.push(`${key}: missing`);
    else if (![...seen].every((t) => t === type || t === "null"))
      problems.push(`${key}: ${[...seen].join("|")} vs doc ${type}`);
  }
  return problems;
}

describe("Graph simulator contract: documentation fixtures", () => {
  let clock: ManualClock;
  let sim: GraphSimulator;
  let client: Client;

  beforeAll(async () => {
    clock = new ManualClock("2026-01-12T08:00:00Z");
    sim = await startGraphSimulator({ scenario: "clean", seed: 3, clock, throttling: { enabled: false } });
    client = simulatorClient(sim);
  });

  afterAll(async () => {
    await sim.stop();
  });

  it("the fixtures are valid JSON and the validators would catch drift", () => {
    const signIns = fixture<Page<SignIn>>("sign-ins-list.json").value;
    expect(signIns.map((s) => s.appliedConditionalAccessPolicies?.map((p) => p.result))).toEqual([
      ["notEnabled", "notEnabled"],
      ["reportOnlyInterrupted", "notEnabled"],
      ["failure", "reportOnlyFailure"],
    ]);
    for (const signIn of signIns) {
      const { riskEventTypes: _legacy, ...rest } = signIn as SignIn & { riskEventTypes?: unknown };
      expect(schemaErrors(validators.signIn, rest)).toBe("");
    }
    expect(schemaErrors(validators.signIn, { ...signIns[0], madeUpField: 1 })).toMatch(/additional/);
    expect(schemaErrors(validators.signIn, { ...signIns[0], conditionalAccessStatus: "maybe" })).toMatch(
      /allowed/,
    );
    expect(schemaErrors(validators.signIn, { ...signIns[0], userId: undefined })).toMatch(/userId/);
  });

  it("a created policy has the fields and types of the documented create response", async () => {
    const created = (await client.api("/identity/conditionalAccess/policies").post({
      displayName: "fixtures: require MFA",
      state: "enabledForReportingButNotEnforced",
      conditions: {
        users: { includeGroups: ["ba8e7ded-8b0f-4836-ba06-8ff1ecc5c8ba"] },
        applications: { includeApplications: ["All"] },
        clientAppTypes: ["all"],
        locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    })) as object;
    const doc = fixture<object>("conditional-access-policy-create-response.json");
    expect(shapeDifferences([doc], [created])).toEqual([]);
    const list = fixture<Page<object>>("conditional-access-policies-list.json");
    clock.advanceBy(1_000);
    const listed = (await client.api("/identity/conditionalAccess/policies").get()) as Page<object>;
    expect(shapeDifferences(list.value, listed.value)).toEqual([]);
  });

  it("sign-ins have the fields and types of the documented list response", async () => {
    clock.advanceBy(24 * 3600_000);
    const page = (await client
      .api("/auditLogs/signIns")
      .filter(`createdDateTime ge ${new Date(clock.now().getTime() - 24 * 3600_000).toISOString()}`)
      .header("Prefer", "include-unknown-enum-members")
      .get()) as Page<SignIn>;
    expect(page.value.length).toBeGreaterThan(0);
    // v1.0 replaced riskEventTypes with riskEventTypes_v2; geoCoordinates is not modelled; the tenant
    // leaves failureReason/additionalDetails out on success where Graph sends null (reported).
    expect(
      shapeDifferences(fixture<Page<unknown>>("sign-ins-list.json").value, page.value, [
        "riskEventTypes",
        "status/failureReason",
        "status/additionalDetails",
        "location/geoCoordinates",
        "location/geoCoordinates/latitude",
        "location/geoCoordinates/longitude",
      ]),
    ).toEqual([]);
  });

  it("registration details have the fields and types of the documented list response", async () => {
    const page = (await client
      .api("/reports/authenticationMethods/userRegistrationDetails")
      .get()) as Page<unknown>;
    expect(
      shapeDifferences(fixture<Page<unknown>>("user-registration-details-list.json").value, page.value),
    ).toEqual([]);
  });

  it("$batch answers have the documented per-item shape", async () => {
    const doc = fixture<{ responses: unknown[] }>("batch-response.json");
    const users = sim.tenant.listUsers();
    // Two resource units: items 1 and 2 fit, item 4 (GET users costs 2) is throttled on its own.
    sim.setThrottling({ enabled: true, directoryResourceUnits: 2 });
    const answer = (await client.api("/$batch").post({
      requests: [
        { id: "1", method: "GET", url: `/users/${users[0]?.id ?? ""}` },
        { id: "2", method: "GET", url: "/users/00000000-0000-0000-0000-000000000000" },
        { id: "3", method: "GET", url: "/users?$top=1", dependsOn: ["2"] },
        { id: "4", method: "GET", url: "/users" },
      ],
    })) as { responses: { id: string; status: number }[] };
    sim.setThrottling({ enabled: false });
    expect(answer.responses.map((r) => [r.id, r.status]).sort()).toEqual([
      ["1", 200],
      ["2", 404],
      ["3", 424],
      ["4", 429],
    ]);
    const top = (items: unknown[]) =>
      items.map((i) => Object.fromEntries(Object.entries(i as object).filter(([k]) => k !== "body")));
    expect(
      shapeDifferences(top(doc.responses), top(answer.responses), [
        "headers/Cache-Control",
        "headers/OData-Version",
        "headers/x-ms-resource-unit",
      ]),
    ).toEqual([]);
    const errorBodies = (items: unknown[]) =>
      items
        .map((i) => (i as { body?: unknown }).body)
        .filter((b) => typeOf(b) === "object" && "error" in (b as object));
    expect(shapeDifferences(errorBodies(doc.responses), errorBodies(answer.responses))).toEqual([]);
  });
});
