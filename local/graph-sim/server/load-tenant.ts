import { existsSync, readFileSync } from "node:fs";
import type { Clock } from "../../clock";
import { createSimTenant } from "../tenant/create-tenant";
import type { Arrival } from "../tenant/scenario-schema";
import type { SimTenant } from "../tenant/tenant-port";

/** Scenario name ("clean"), a scenario JSON file path, or an already parsed scenario object. */
export type ScenarioInput = string | Record<string, unknown>;

/** A string that names an existing .json file is read from disk; any other string is a scenario name. */
export function resolveScenario(scenario: ScenarioInput): string | Record<string, unknown> {
  if (typeof scenario !== "string" || !scenario.endsWith(".json") || !existsSync(scenario)) return scenario;
  const parsed: unknown = JSON.parse(readFileSync(scenario, "utf8"));
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`scenario file ${scenario} must contain a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

export function loadTenant(
  scenario: ScenarioInput,
  seed: number,
  clock: Clock,
  size?: number,
  arrival?: Partial<Arrival>,
): SimTenant {
  return createSimTenant({
    scenario: resolveScenario(scenario),
    seed,
    clock,
    ...(size !== undefined ? { size } : {}),
    ...(arrival !== undefined ? { arrival } : {}),
  });
}
