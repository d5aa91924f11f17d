import { readFileSync } from "node:fs";
import path from "node:path";
import { httpApi, type Api } from "../../../local/rehearsal/api-client";
import { driveRollout, type DriveResult } from "../../../local/rehearsal/drive";
import { startStack, type Stack } from "../../../local/rehearsal/start-stack";
import { azuriteConnectionString, uniqueTableName } from "../azurite-env";

export const SEED_PLAN_FILE = path.resolve(__dirname, "../../../local/plans/seed-phased.json");
export const START = new Date("2026-01-05T07:00:00Z");

export function seedPlan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(readFileSync(SEED_PLAN_FILE, "utf8")) as Record<string, unknown>), ...overrides };
}

export interface EngineRun {
  stack: Stack;
  api: Api;
  baseUrl: string;
}

/** The real app on Azurite, the Graph simulator and the local host, served on a free loopback port. */
export async function startEngine(scenario: string, seed?: number): Promise<EngineRun> {
  const stack = await startStack({
    scenario,
    ...(seed !== undefined ? { seed } : {}),
    start: START,
    azuriteConnectionString: azuriteConnectionString(),
    tablePrefix: uniqueTableName("t").slice(0, 14),
  });
  const baseUrl = await stack.host.serveHttp(0);
  return { stack, api: httpApi(baseUrl), baseUrl };
}

export async function runToEnd(run: EngineRun, plan: Record<string, unknown>): Promise<DriveResult> {
  return driveRollout(run.stack, {
    api: run.api,
    plan,
    rolloutId: String(plan.rolloutId),
    stepMs: 3_600_000,
    watchingStepMs: 6 * 3_600_000,
    deadline: new Date("2026-04-01T00:00:00Z"),
    autoApprove: true,
  });
}

/** Members of a group as Graph (the simulator) holds them now. */
export function groupMembers(run: EngineRun, groupId: string): Set<string> {
  return new Set(run.stack.sim.tenant.listMemberIds(groupId));
}
