import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { captureRegistrations } from "../../../../local/durable-host";
import { openApiDocument } from "../../../../shared/api/openapi-document";
import { committedOpenApi, OpenApiValidator } from "../../../support/openapi-validator";

type JsonObject = Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the app registers at import time, inside the capture
const registry = captureRegistrations(() => require("../../../../functions"));
const document = openApiDocument();
const METHODS = ["get", "put", "post", "patch", "delete"];

/** `GET /rollouts/{id}` → the function registered for it, from what the app registers. */
function registeredRoutes(): Map<string, string> {
  const routes = new Map<string, string>();
  for (const registration of registry.ofType("httpTrigger")) {
    const trigger = registration.trigger as { route?: string; methods?: string[] };
    for (const method of trigger.methods ?? []) {
      routes.set(`${method.toLowerCase()} /${trigger.route ?? registration.name}`, registration.name);
    }
  }
  return routes;
}

function describedRoutes(doc: JsonObject): Map<string, string> {
  const routes = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, JsonObject>>)) {
    for (const method of METHODS.filter((m) => m in item)) {
      routes.set(`${method} ${path}`, String(item[method]?.operationId));
    }
  }
  return routes;
}

describe("the OpenAPI description", () => {
  it("describes exactly the HTTP routes the app registers, each under its function's name", () => {
    const registered = registeredRoutes();
    const described = describedRoutes(document);
    expect([...described.keys()].sort()).toEqual([...registered.keys()].sort());
    for (const [route, operationId] of described) {
      // Two methods of one function get "<name>-<method>" ids, as operationIds must be unique.
      expect([registered.get(route), `${registered.get(route)}-${route.split(" ")[0]}`]).toContain(
        operationId,
      );
    }
  });

  it("is committed as docs/openapi.json exactly as the code builds it (npm run openapi)", () => {
    expect(committedOpenApi()).toEqual(document);
  });

  it("validates as OpenAPI 3.1, and every schema in it compiles as JSON Schema 2020-12", () => {
    const oas31 = JSON.parse(
      readFileSync(require.resolve("@seriousme/openapi-schema-validator/schemas/v3.1/schema.json"), "utf8"),
    ) as JsonObject;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat("media-range", true);
    const validate = ajv.compile(oas31);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(document.openapi).toMatch(/^3\.1\./);

    const strict = new Ajv2020({ strict: true });
    addFormats(strict);
    const schemas: unknown[] = [];
    const collect = (node: unknown, key: string): void => {
      if (typeof node !== "object" || node === null) return;
      if (key === "schema") schemas.push(node);
      for (const [k, v] of Object.entries(node)) collect(v, k);
    };
    collect(document.paths, "");
    expect(schemas.length).toBeGreaterThan(40);
    strict.addSchema({ $id: "openapi.json", $defs: (document.components as JsonObject).schemas });
    for (const schema of schemas) {
      const text = JSON.stringify(schema).replaceAll("#/components/schemas/", "openapi.json#/$defs/");
      expect(() => strict.compile(JSON.parse(text) as JsonObject)).not.toThrow();
    }
  });

  it("accepts a valid plan and refuses what the API refuses: an unknown field, a bad control body", () => {
    const validator = new OpenApiValidator(document);
    const plan = JSON.parse(
      readFileSync(require.resolve("../../../../local/plans/seed-phased.json"), "utf8"),
    ) as JsonObject;
    expect(validator.checkRequest("POST", "/api/rollouts", plan)).toEqual([]);
    expect(validator.checkRequest("POST", "/api/rollouts", { ...plan, colour: "blue" })).not.toEqual([]);
    expect(validator.checkRequest("POST", "/api/rollouts/r1/pause", { reason: "night" })).toEqual([]);
    expect(validator.checkRequest("POST", "/api/rollouts/r1/pause", { reason: 3 })).not.toEqual([]);
    expect(validator.checkRequest("POST", "/api/rollouts/r1/explode", {})).not.toEqual([]);
    expect(validator.checkRequest("GET", "/api/rollouts/r1/users?limit=0", undefined)).not.toEqual([]);
    const answer = (body: unknown) =>
      validator.checkResponse("GET", "/api/rollouts", 200, "application/json", JSON.stringify(body));
    expect(answer({ rollouts: [] })).toEqual([]);
    expect(answer({ rollouts: [{ id: 1 }] })).not.toEqual([]);
    expect(validator.checkResponse("GET", "/api/rollouts", 418, "application/json", "{}")).not.toEqual([]);
    // The literal route wins over the control route's {action}.
    expect(validator.template("POST", "/rollouts/r1/reconcile")).toBe("/rollouts/{id}/reconcile");
  });
});
