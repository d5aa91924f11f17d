import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/** Graph v1.0 schemas, copied from ../shared so a clone is self-contained. */
export const SCHEMA_DIR = path.resolve(__dirname, "../../fixtures/graph-schemas");

interface CsdlSchema {
  type?: string;
  enum?: string[];
  properties?: Record<string, Record<string, unknown>>;
  "x-nonNullable"?: string[];
  "x-baseType"?: string;
  [key: string]: unknown;
}

type SchemaFile = { components: { schemas: Record<string, CsdlSchema> } };

/**
 * Turns the CSDL-derived components into what Graph puts on the wire: base-type properties are
 * inherited, properties not marked x-nonNullable may be null, non-nullable ones are required on a
 * full entity, and nothing outside the model is allowed except @odata.* annotations.
 */
function toWireSchema(
  all: Record<string, CsdlSchema>,
  name: string,
  strict: boolean,
): Record<string, unknown> {
  const own = all[name];
  if (!own) throw new Error(`schema ${name} not found`);
  if (own.enum) return { type: "string", enum: own.enum };
  const chain: CsdlSchema[] = [];
  for (let current: CsdlSchema | undefined = own; current;) {
    chain.unshift(current);
    current = current["x-baseType"] ? all[current["x-baseType"]] : undefined;
  }
  const properties: Record<string, Record<string, unknown>> = {};
  const nonNullable = new Set<string>();
  for (const schema of chain) {
    for (const [key, value] of Object.entries(schema.properties ?? {})) properties[key] = value;
    for (const key of schema["x-nonNullable"] ?? []) nonNullable.add(key);
  }
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    const cleaned = Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("x-")));
    wire[key] = nonNullable.has(key) ? cleaned : { anyOf: [cleaned, { type: "null" }] };
  }
  return {
    type: "object",
    properties: wire,
    patternProperties: { "^@odata\\.": {} },
    additionalProperties: false,
    ...(strict ? { required: [...nonNullable].filter((key) => key in properties) } : {}),
  };
}

function compile(file: string, root: string, strict: boolean): ValidateFunction {
  const parsed = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), "utf8")) as SchemaFile;
  const all = parsed.components.schemas;
  const defs: Record<string, unknown> = {};
  // Only the root entity must carry its non-nullable properties; nested types come partially filled.
  for (const name of Object.keys(all)) defs[name] = toWireSchema(all, name, strict && name === root);
  // The files stop after a few levels of references; deeper types are accepted as they come.
  for (const match of JSON.stringify(all).matchAll(/#\/components\/schemas\/([^"]+)/g)) {
    const name = match[1] ?? "";
    if (!(name in defs)) defs[name] = {};
  }
  const schema = JSON.parse(
    JSON.stringify({ $ref: `#/$defs/${root}`, $defs: defs }).replace(/#\/components\/schemas\//g, "#/$defs/"),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const format of ["int32", "int64", "double", "float", "byte", "decimal"]) ajv.addFormat(format, true);
  return ajv.compile(schema);
}

export const validators = {
  policy: compile("conditionalAccessPolicy.json", "microsoft.graph.conditionalAccessPolicy", true),
  signIn: compile("signIn.json", "microsoft.graph.signIn", true),
  registration: compile("userRegistrationDetails.json", "microsoft.graph.userRegistrationDetails", true),
  /** For $select answers, where required properties may be left out. */
  signInPartial: compile("signIn.json", "microsoft.graph.signIn", false),
};

/** jest-friendly: returns the ajv errors as readable text, empty when valid. */
export function schemaErrors(validate: ValidateFunction, value: unknown): string {
  if (validate(value)) return "";
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""}`).join("; ");
}
