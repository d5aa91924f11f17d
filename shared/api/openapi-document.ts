import { z } from "zod";
import { planSchema } from "../domain/plan/plan-schema";
import { ErrorBody } from "./response-schemas";
import { OPERATIONS, type Operation } from "./operations";

type JsonObject = Record<string, unknown>;

/** The HTTP contract's own version: raise it when a change could break a generated client. */
export const API_VERSION = "1.0.0";

/** OpenAPI 3.1 Schema Objects are JSON Schema 2020-12, the dialect zod writes with this target. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonObject;
  return rest;
}

/** Schemas used by several operations are written once, under components, and referenced. */
const COMPONENTS = new Map<z.ZodType, string>([
  [planSchema, "Plan"],
  [ErrorBody, "Error"],
]);

function schemaOrRef(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const name = COMPONENTS.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : jsonSchema(schema, io);
}

const jsonContent = (schema: JsonObject) => ({ "application/json": { schema } });

/** Failures every operation can answer, besides those it names itself. */
const COMMON_ERRORS: Record<number, string> = {
  400: "the request is invalid; `errors` lists each problem with its JSON path",
  401: "no caller identity",
  403: "the caller lacks the role, or an MFA sign-in, this operation needs",
};

const DESCRIPTIONS: Record<number, string> = {
  200: "OK",
  201: "created",
  202: "accepted",
  404: "the rollout does not exist",
  409: "not possible in the rollout's current state",
  413: "the body is over 256 KiB",
  ...COMMON_ERRORS,
};

function operationObject(op: Operation, operationId: string): JsonObject {
  const pathParams = [...op.route.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: op.pathEnums?.[name as string]
      ? { type: "string", enum: [...(op.pathEnums[name as string] ?? [])] }
      : { type: "string" },
  }));
  const queryParams = Object.entries(op.query ?? {}).map(([name, q]) => ({
    name,
    in: "query",
    required: q.required ?? false,
    description: q.description,
    schema: jsonSchema(q.schema, "input"),
  }));
  const responses: JsonObject = {};
  const statuses: Record<string, z.ZodType | "html"> = {
    ...Object.fromEntries(Object.keys(COMMON_ERRORS).map((s) => [s, ErrorBody])),
    ...(op.body ? { 413: ErrorBody } : {}),
    ...op.responses,
  };
  for (const [status, schema] of Object.entries(statuses)) {
    const description = DESCRIPTIONS[Number(status)] ?? "see the body";
    responses[status] =
      schema === "html"
        ? { description, content: { "text/html": { schema: { type: "string" } } } }
        : { description, content: jsonContent(schemaOrRef(schema, "output")) };
  }
  return {
    operationId,
    summary: op.summary,
    description: `Needs ${op.access}.`,
    ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required,
            content: jsonContent(schemaOrRef(op.body.schema, "input")),
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 description of the HTTP API, built from the schemas the functions validate with. */
export function openApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const op of OPERATIONS) {
    const shared = OPERATIONS.filter((o) => o.name === op.name).length > 1;
    const operationId = shared ? `${op.name}-${op.method}` : op.name;
    const item = (paths[`/${op.route}`] ??= {});
    item[op.method] = operationObject(op, operationId);
  }
  return {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: "CA Wave Rollout",
      version: API_VERSION,
      description:
        "Roll a Conditional Access policy out in gated waves. Callers are signed in by App Service " +
        "Authentication (Entra ID); each operation names the app role it needs.",
    },
    servers: [{ url: "/api" }],
    security: [{ entra: [], functionKey: [] }],
    components: {
      schemas: {
        Plan: jsonSchema(planSchema, "input"),
        Error: jsonSchema(ErrorBody, "output"),
      },
      securitySchemes: {
        entra: {
          type: "http",
          scheme: "bearer",
          description: "an Entra ID access token for the app, checked by App Service Authentication",
        },
        functionKey: {
          type: "apiKey",
          in: "header",
          name: "x-functions-key",
          description: "a function key: every route is registered with authLevel function",
        },
      },
    },
    paths,
  };
}
