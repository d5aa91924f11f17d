import { readFileSync } from "node:fs";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

type JsonObject = Record<string, unknown>;

export interface OpenApiProblem {
  where: string;
  errors: string[];
}

/** `docs/openapi.json` as committed: what readers and their tools get. */
export function committedOpenApi(): JsonObject {
  return JSON.parse(readFileSync(require.resolve("../../docs/openapi.json"), "utf8")) as JsonObject;
}

/**
 * Checks requests and responses against an OpenAPI 3.1 document: its Schema Objects are JSON
 * Schema 2020-12, so Ajv's 2020 build validates them as written, `$ref`s into the document
 * included.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: JsonObject) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, "openapi.json");
  }

  /** The path template (`/rollouts/{id}`) matching a concrete path; literal segments win. */
  template(method: string, path: string): string | undefined {
    const segments = path.split("/").filter(Boolean);
    const candidates = Object.entries(this.document.paths as Record<string, JsonObject>)
      .filter(([, item]) => method.toLowerCase() in item)
      .map(([template]) => template)
      .filter((template) => {
        const parts = template.split("/").filter(Boolean);
        return (
          parts.length === segments.length &&
          parts.every((part, i) => part.startsWith("{") || part === segments[i])
        );
      });
    const literals = (t: string) => t.split("/").filter((p) => p && !p.startsWith("{")).length;
    return candidates.sort((a, b) => literals(b) - literals(a))[0];
  }

  /** Problems of a request: its path, query parameters and JSON body. Empty when it conforms. */
  checkRequest(method: string, url: string, body: unknown): string[] {
    const { pathname, searchParams } = new URL(url, "http://x");
    const path = pathname.replace(/^\/api/, "");
    const template = this.template(method, path);
    if (!template) return [`no operation ${method} ${path}`];
    const operation = this.operation(template, method);
    const problems: string[] = [];
    const parameters = (operation.parameters ?? []) as { name: string; in: string; required: boolean }[];
    const values: Record<string, string> = {};
    const parts = template.split("/").filter(Boolean);
    path
      .split("/")
      .filter(Boolean)
      .forEach((value, i) => {
        const part = parts[i] ?? "";
        if (part.startsWith("{")) values[part.slice(1, -1)] = decodeURIComponent(value);
      });
    for (const [name, value] of searchParams) values[name] = value;
    parameters.forEach((parameter, index) => {
      const value = values[parameter.name];
      if (value === undefined) {
        if (parameter.required) problems.push(`missing ${parameter.in} parameter ${parameter.name}`);
        return;
      }
      const pointer = this.pointer(template, method, "parameters", String(index), "schema");
      const typed = coerce(value, this.schemaAt(pointer));
      problems.push(...this.run(pointer, typed, `${parameter.in} ${parameter.name}`));
    });
    const requestBody = operation.requestBody as { required: boolean } | undefined;
    if (body === undefined) {
      if (requestBody?.required) problems.push("missing request body");
    } else if (!requestBody) {
      problems.push("a body where the operation takes none");
    } else {
      const pointer = this.pointer(template, method, "requestBody", "content", "application/json", "schema");
      problems.push(...this.run(pointer, body, "body"));
    }
    return problems;
  }

  /** Problems of a response: a status the operation names and a body of its schema. */
  checkResponse(method: string, url: string, status: number, contentType: string, text: string): string[] {
    const path = new URL(url, "http://x").pathname.replace(/^\/api/, "");
    const template = this.template(method, path);
    if (!template) return [`no operation ${method} ${path}`];
    const responses = this.operation(template, method).responses as Record<string, JsonObject>;
    const response = responses[String(status)];
    if (!response) return [`status ${status} is not described`];
    const content = response.content as Record<string, unknown>;
    const mediaType = contentType.split(";")[0]?.trim() ?? "";
    if (!(mediaType in content)) return [`content type ${mediaType} is not described for ${status}`];
    if (mediaType !== "application/json") return [];
    const pointer = this.pointer(
      template,
      method,
      "responses",
      String(status),
      "content",
      mediaType,
      "schema",
    );
    return this.run(pointer, JSON.parse(text), `response ${status}`);
  }

  private operation(template: string, method: string): JsonObject {
    return (this.document.paths as Record<string, Record<string, JsonObject>>)[template]?.[
      method.toLowerCase()
    ] as JsonObject;
  }

  private pointer(...tokens: string[]): string {
    const [template, method, ...rest] = tokens;
    return ["paths", template ?? "", (method ?? "").toLowerCase(), ...rest]
      .map((t) => encodeURIComponent(t.replace(/~/g, "~0").replace(/\//g, "~1")))
      .join("/");
  }

  private schemaAt(pointer: string): JsonObject {
    return pointer
      .split("/")
      .map((t) => decodeURIComponent(t).replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node as JsonObject)[key], this.document) as JsonObject;
  }

  private run(pointer: string, value: unknown, label: string): string[] {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi.json#/${pointer}` });
      this.compiled.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${label}${e.instancePath} ${e.message ?? "is invalid"}`);
  }
}

/** Query and path values arrive as text; a schema asking for a number or boolean gets one. */
function coerce(value: string, schema: JsonObject): unknown {
  if (
    (schema.type === "integer" || schema.type === "number") &&
    value.trim() !== "" &&
    !Number.isNaN(Number(value))
  ) {
    return Number(value);
  }
  return value;
}
