import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { scenarioFiles } from "../scenarios";
import { Scenario } from "./scenario-schema";

/** Arrays a child scenario adds to its parent's, keyed so a child entry can replace a parent one. */
const KEYED_ARRAYS: Record<string, string> = {
  users: "upn",
  userOverrides: "",
  groups: "id",
  policies: "id",
  apps: "appId",
  departments: "name",
};

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioError";
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergeKeyed(parent: unknown[], child: unknown[], key: string): unknown[] {
  if (!key) return [...parent, ...child];
  const out = new Map<unknown, unknown>();
  let anon = 0;
  for (const item of [...parent, ...child]) {
    const k = isObject(item) ? item[key] : undefined;
    out.set(k === undefined ? `#${anon++}` : k, item);
  }
  return [...out.values()];
}

/** Child wins, except keyed arrays (appended, child replacing same key) and nested objects (merged). */
export function mergeScenarioJson(parent: Json, child: Json): Json {
  const merged: Json = { ...parent };
  for (const [field, value] of Object.entries(child)) {
    const base = merged[field];
    if (field in KEYED_ARRAYS && Array.isArray(base) && Array.isArray(value)) {
      merged[field] = mergeKeyed(base, value, KEYED_ARRAYS[field] ?? "");
    } else if (isObject(base) && isObject(value)) {
      merged[field] = mergeNested(base, value);
    } else {
      merged[field] = value;
    }
  }
  delete merged.extends;
  return merged;
}

function mergeNested(parent: Json, child: Json): Json {
  const merged: Json = { ...parent };
  for (const [field, value] of Object.entries(child)) {
    const base = merged[field];
    merged[field] = Array.isArray(base) && Array.isArray(value) ? [...base, ...value] : value;
  }
  return merged;
}

function looksLikePath(name: string): boolean {
  return name.endsWith(".json") || name.includes("/") || name.includes("\\");
}

function readScenarioFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ScenarioError(`cannot read scenario file ${path}: ${(error as Error).message}`);
  }
}

/** `name` is a known scenario name or a path to a JSON file (relative to `baseDir`). */
function resolveJson(
  name: string,
  files: Record<string, unknown>,
  chain: string[],
  baseDir = process.cwd(),
): Json {
  if (chain.includes(name)) {
    throw new ScenarioError(`scenario "${name}": circular extends (${[...chain, name].join(" -> ")})`);
  }
  const path = !(name in files) && looksLikePath(name) ? resolve(baseDir, name) : undefined;
  const raw = path ? readScenarioFile(path) : files[name];
  if (!isObject(raw)) {
    throw new ScenarioError(
      `unknown scenario "${name}"${chain.length ? ` (extended by "${chain.at(-1)}")` : ""}; known: ${Object.keys(files).join(", ")}`,
    );
  }
  const parentName = raw.extends;
  if (parentName === undefined) return raw;
  if (typeof parentName !== "string") throw new ScenarioError(`scenario "${name}": extends must be a string`);
  const parent = resolveJson(parentName, files, [...chain, name], path ? dirname(path) : baseDir);
  return mergeScenarioJson(parent, raw);
}

/**
 * Validates a scenario and resolves `extends`: a name from ../scenarios ("clean"), a path to a
 * JSON file, or an already parsed object.
 */
export function loadScenario(
  nameOrSpec: string | Record<string, unknown>,
  files: Record<string, unknown> = scenarioFiles,
): Scenario {
  const label = typeof nameOrSpec === "string" ? nameOrSpec : String(nameOrSpec.name ?? "(inline)");
  let json: Json;
  if (typeof nameOrSpec === "string") {
    json = resolveJson(nameOrSpec, files, []);
  } else if (typeof nameOrSpec.extends === "string") {
    json = mergeScenarioJson(resolveJson(nameOrSpec.extends, files, [label]), nameOrSpec);
  } else {
    json = nameOrSpec;
  }
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ScenarioError(`scenario "${label}" is invalid:\n${issues.join("\n")}`);
  }
  checkReferences(parsed.data, label);
  return parsed.data;
}

/** Cross-field checks zod cannot express: every upn, app and group a scenario names must exist. */
function checkReferences(scenario: Scenario, label: string): void {
  const problems: string[] = [];
  const upns = new Set(scenario.users.map((u) => u.upn.toLowerCase()));
  const appIds = new Set(scenario.apps.map((a) => a.appId.toLowerCase()));
  const groupIds = new Set(scenario.groups.map((g) => g.id.toLowerCase()));
  const departments = new Set(scenario.departments.map((d) => d.name));
  const needUpn = (upn: string, where: string) => {
    if (!upns.has(upn.toLowerCase())) problems.push(`${where}: unknown user "${upn}"`);
  };
  const needApp = (appId: string, where: string) => {
    if (!appIds.has(appId.toLowerCase())) problems.push(`${where}: unknown app "${appId}"`);
  };
  scenario.departments.forEach((d) => d.apps.forEach((a) => needApp(a, `departments.${d.name}.apps`)));
  scenario.users.forEach((u, i) => {
    if (!departments.has(u.department)) problems.push(`users.${i}: unknown department "${u.department}"`);
    u.apps?.forEach((a) => needApp(a, `users.${i}.apps`));
    u.memberOf.forEach((g) => {
      if (!groupIds.has(g.toLowerCase())) problems.push(`users.${i}.memberOf: unknown group "${g}"`);
    });
  });
  scenario.userOverrides.forEach((o, i) => needUpn(o.upn, `userOverrides.${i}`));
  scenario.groups.forEach((g, i) => g.members?.upns.forEach((u) => needUpn(u, `groups.${i}.members`)));
  scenario.registration.unregisteredUpns.forEach((u) => needUpn(u, "registration.unregisteredUpns"));
  scenario.faults.brokenApps.forEach((b, i) => {
    needApp(b.appId, `faults.brokenApps.${i}`);
    b.upns.forEach((u) => needUpn(u, `faults.brokenApps.${i}`));
  });
  if (problems.length) throw new ScenarioError(`scenario "${label}" is invalid:\n  ${problems.join("\n  ")}`);
}

/** Applies userOverrides so the rest of the tenant sees one list of users. */
export function effectiveUsers(scenario: Scenario): Scenario["users"] {
  const overrides = new Map(scenario.userOverrides.map((o) => [o.upn.toLowerCase(), o]));
  return scenario.users.map((user) => {
    const o = overrides.get(user.upn.toLowerCase());
    if (!o) return user;
    const defined = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    return { ...user, ...defined };
  });
}
