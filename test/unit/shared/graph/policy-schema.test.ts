import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { enforcedPolicy, reportOnlyPolicy } from "../../../../shared/graph";

/** Graph v1.0 schema, copied from ../shared so a clone is self-contained. */
const SCHEMA = path.resolve(__dirname, "../../../fixtures/graph-schemas/conditionalAccessPolicy.json");

interface Csdl {
  enum?: string[];
  properties?: Record<string, object>;
  "x-baseType"?: string;
}

/**
 * What the gateway SENDS on create: no property outside Graph's model (a typo would be a 400 from
 * Graph), enum values from the model; nothing is required (Graph fills ids and dates).
 */
function createBodyValidator() {
  const all = (JSON.parse(readFileSync(SCHEMA, "utf8")) as { components: { schemas: Record<string, Csdl> } })
    .components.schemas;
  const defs: Record<string, object> = {};
  for (const [name, own] of Object.entries(all)) {
    if (own.enum) {
      defs[name] = { type: "string", enum: own.enum };
      continue;
    }
    const properties: Record<string, object> = {};
    for (let s: Csdl | undefined = own; s; s = s["x-baseType"] ? all[s["x-baseType"]] : undefined) {
      for (const [key, value] of Object.entries(s.properties ?? {})) {
        properties[key] ??= Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("x-")));
      }
    }
    defs[name] = { type: "object", properties, additionalProperties: false };
  }
  for (const m of JSON.stringify(all).matchAll(/#\/components\/schemas\/([^"]+)/g)) defs[m[1] ?? ""] ??= {};
  const schema = JSON.parse(
    JSON.stringify({ $ref: "#/$defs/microsoft.graph.conditionalAccessPolicy", $defs: defs }).replace(
      /#\/components\/schemas\//g,
      "#/$defs/",
    ),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const f of ["date-time", "uuid", "int32", "int64", "double", "float", "byte", "decimal"])
    ajv.addFormat(f, true);
  return ajv.compile(schema);
}

describe("rollout policies match Graph's v1.0 conditionalAccessPolicy model", () => {
  const validate = createBodyValidator();
  const ids = {
    enforcedGroupId: "11111111-1111-4111-8111-111111111111",
    excludedGroupId: "22222222-2222-4222-8222-222222222222",
    breakGlassUserIds: ["33333333-3333-4333-8333-333333333333"],
  };

  it.each([
    [
      "report-only",
      reportOnlyPolicy({ ...ids, displayName: "R (report-only)", population: { includeUsers: ["All"] } }),
    ],
    ["enforced", enforcedPolicy({ ...ids, displayName: "R (enforced)" })],
  ])("%s policy is a valid create body", (_name, policy) => {
    expect(validate(policy) ? "" : JSON.stringify(validate.errors)).toBe("");
  });

  it("the validator does catch a misspelt property or an unknown enum value", () => {
    const p = enforcedPolicy({ ...ids, displayName: "x" });
    expect(validate({ ...p, state: "reportOnly" })).toBe(false);
    expect(validate({ ...p, grantControls: { operator: "OR", builtInControls: ["MFA"] } })).toBe(false);
    expect(validate({ ...p, conditions: { ...p.conditions, user: {} } })).toBe(false);
  });
});
