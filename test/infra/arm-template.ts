import { readFileSync } from "node:fs";

/**
 * Reading the ARM JSON that global-setup compiled from infra/ with the Bicep CLI. ARM values are
 * JSON; the tests narrow what they read.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ArmTemplate {
  $schema: string;
  parameters: Record<string, JsonObject>;
  resources: JsonObject[] | Record<string, JsonObject>;
  outputs: Record<string, JsonObject>;
}

export interface ArmResource {
  /** Bicep module (nested deployment) names from the top, e.g. "api"; "" for main.bicep. */
  module: string;
  /** Symbolic name, where the template has them (the ones using the Graph extension). */
  symbol?: string;
  type: string;
  apiVersion?: string;
  existing: boolean;
  body: JsonObject;
}

export function templateText(): string {
  const path = process.env.INFRA_ARM_JSON;
  if (!path) throw new Error("INFRA_ARM_JSON is not set: run through `npm run test:infra`");
  return readFileSync(path, "utf8");
}

export function loadTemplate(): ArmTemplate {
  return JSON.parse(templateText()) as ArmTemplate;
}

/** Every resource in the template and its nested module deployments, depth first. */
export function allResources(template: ArmTemplate, module = ""): ArmResource[] {
  const entries: Array<[string | undefined, JsonObject]> = Array.isArray(template.resources)
    ? template.resources.map((r) => [undefined, r])
    : Object.entries(template.resources);
  return entries.flatMap(([symbol, body]) => {
    // Extension resources carry their version in the type ("Microsoft.Graph/applications@v1.0").
    const [type, versionInType] = String(body.type).split("@") as [string, string | undefined];
    const resource: ArmResource = {
      module,
      symbol,
      type,
      apiVersion: typeof body.apiVersion === "string" ? body.apiVersion : versionInType,
      existing: body.existing === true,
      body,
    };
    const nested = (body.properties as JsonObject | undefined)?.template as ArmTemplate | undefined;
    if (type !== "Microsoft.Resources/deployments" || !nested) return [resource];
    const name = String(body.name);
    return [resource, ...allResources(nested, module ? `${module}/${name}` : name)];
  });
}

/** The one declared (not `existing`) resource of a type; fails the test on zero or several. */
export function one(resources: ArmResource[], type: string): ArmResource {
  const found = resources.filter((r) => r.type === type && !r.existing);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as ArmResource;
}

/** Child resources such as sites/config are named "[format('{0}/{1}', parameters('name'), 'appsettings')]". */
export function childNamed(resources: ArmResource[], type: string, leaf: string): ArmResource | undefined {
  return resources.find((r) => r.type === type && String(r.body.name).includes(`'${leaf}')]`));
}

export function props(resource: ArmResource): JsonObject {
  return (resource.body.properties ?? {}) as JsonObject;
}

/** A Bicep module's nested deployment, by module name. */
export function moduleDeployment(template: ArmTemplate, name: string): ArmResource {
  const deployment = allResources(template).find(
    (r) => r.type === "Microsoft.Resources/deployments" && r.body.name === name,
  );
  if (!deployment) throw new Error(`no module ${name}`);
  return deployment;
}

/** The value main.bicep passes to a module parameter (an ARM expression string, usually). */
export function moduleParameter(template: ArmTemplate, module: string, parameter: string): Json | undefined {
  const parameters = props(moduleDeployment(template, module)).parameters as JsonObject;
  return (parameters[parameter] as JsonObject | undefined)?.value;
}

/** A Bicep module's compiled template (its variables are what the module's expressions use). */
export function moduleTemplate(
  template: ArmTemplate,
  name: string,
): ArmTemplate & { variables?: JsonObject } {
  return props(moduleDeployment(template, name)).template as unknown as ArmTemplate & {
    variables?: JsonObject;
  };
}

/**
 * Evaluates the simple ARM expressions `[variables('x')]` and `[variables('x').y]` against a
 * template's variables; anything else comes back as written.
 */
export function resolveVariable(
  variables: JsonObject | undefined,
  value: Json | undefined,
): Json | undefined {
  const m = typeof value === "string" ? /^\[variables\('(\w+)'\)(?:\.(\w+))?\]$/.exec(value) : null;
  if (!m) return value;
  const base = variables?.[m[1] as string];
  return m[2] ? (base as JsonObject | undefined)?.[m[2]] : base;
}
