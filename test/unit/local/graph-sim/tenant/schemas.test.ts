import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import path from "node:path";
import { collect, startRollout } from "./rollout-fixture";

const repoRoot = path.resolve(__dirname, "../../../../..");
const schemaDir = path.resolve(repoRoot, "test/fixtures/graph-schemas");

/** Object schemas made closed, so a misspelt or invented property fails instead of passing silently. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = closed(v);
  if (out.type === "object" && out.properties) {
    const base = out["x-baseType"] === "microsoft.graph.entity" ? { id: { type: "string" } } : {};
    out.properties = { ...base, ...(out.properties as object) };
    out.additionalProperties = false;
  }
  return out;
}

/** The converted schemas stop after a few levels of references: treat a dangling one as "anything". */
function dropDanglingRefs(node: unknown, defined: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => dropDanglingRefs(n, defined));
  if (typeof node !== "object" || node === null) return node;
  const ref = (node as { $ref?: string }).$ref;
  if (ref && !defined.has(ref.replace("#/components/schemas/", ""))) return {};
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, dropDanglingRefs(v, defined)]));
}

function validator(file: string, root: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("int32", true);
  ajv.addFormat("double", true);
  const raw = JSON.parse(readFileSync(path.join(schemaDir, file), "utf8")) as {
    components: { schemas: Record<string, unknown> };
  };
  const doc = closed(dropDanglingRefs(raw, new Set(Object.keys(raw.components.schemas)))) as object;
  ajv.addSchema({ ...doc, $id: file });
  return ajv.compile({ $ref: `${file}#/components/schemas/${root}` });
}

describe("payloads match Graph's v1.0 schemas", () => {
  const scenarios = ["invoicing-app", "unregistered", "legacy-clients", "service-accounts", "mfa-outage"];

  it.each(scenarios)("sign-ins of %s validate against signIn.json", (scenario) => {
    const validate = validator("signIn.json", "microsoft.graph.signIn");
    const { tenant, clock, enforcedGroupId } = startRollout(scenario, 11);
    clock.advanceBy(3 * 86_400_000);
    tenant.addMembers(
      enforcedGroupId,
      tenant.listMemberIds("a11c0000-5a1f-4c0d-9e00-000000000004").slice(0, 20),
    );
    clock.advanceBy(10 * 86_400_000);
    const signIns = collect(tenant, "2026-01-01T00:00:00Z", clock.now());
    expect(signIns.length).toBeGreaterThan(1000);
    const results = new Set(signIns.flatMap((s) => s.appliedConditionalAccessPolicies!.map((p) => p.result)));
    expect(results.size).toBeGreaterThan(2);
    for (const s of signIns) {
      if (!validate(s)) throw new Error(`${JSON.stringify(validate.errors)}\n${JSON.stringify(s)}`);
    }
  });

  it("registration details validate against userRegistrationDetails.json", () => {
    const validate = validator("userRegistrationDetails.json", "microsoft.graph.userRegistrationDetails");
    const { tenant } = startRollout("service-accounts", 11);
    const details = tenant.registrationDetails();
    expect(details.length).toBe(90);
    for (const d of details) {
      if (!validate(d)) throw new Error(`${JSON.stringify(validate.errors)}\n${JSON.stringify(d)}`);
    }
  });

  it("policies validate against conditionalAccessPolicy.json", () => {
    const validate = validator("conditionalAccessPolicy.json", "microsoft.graph.conditionalAccessPolicy");
    const { tenant } = startRollout("mfa-outage", 11);
    const policies = tenant.listPolicies();
    expect(policies).toHaveLength(3);
    for (const p of policies) {
      if (!validate(p)) throw new Error(`${JSON.stringify(validate.errors)}\n${JSON.stringify(p)}`);
    }
  });
});
