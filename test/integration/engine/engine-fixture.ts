import { readFileSync } from "node:fs";
import path from "node:path";
import { httpApi, type Api } from "../../../local/rehearsal/api-client";
import { checkInvariants } from "../../../local/rehearsal/invariants";
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

/**
 * The real app on Azurite, the Graph simulator and the local host, served on a free loopback port;
 * `seed` picks the simulator's draws, `lateRows` the share of rows that arrive hours late.
 */
export async function startEngine(
  scenario: string,
  options: { seed?: number; lateRows?: number } = {},
): Promise<EngineRun> {
  const stack = await startStack({
    scenario,
    start: START,
    azuriteConnectionString: azuriteConnectionString(),
    tablePrefix: uniqueTableName("t").slice(0, 14),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.lateRows !== undefined ? { lateRows: options.lateRows } : {}),
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

/**
 * A scenario's rollout of `plan` to the end on a fresh engine: it finishes and the rehearsal's
 * invariants hold. The caller stops the stack.
 */
export async function rehearseToEnd(
  scenario: string,
  plan: Record<string, unknown>,
  options: { seed?: number; lateRows?: number; onStarted?: (run: EngineRun) => void } = {},
): Promise<EngineRun> {
  const run = await startEngine(scenario, options);
  options.onStarted?.(run);
  const result = await runToEnd(run, plan);
  expect(result.finished).toBe(true);
  expect(await checkInvariants(run.stack.store, run.stack.sim.tenant, String(plan.rolloutId))).toEqual([]);
  return run;
}

/**
 * The four users whose iOS invoicing app fails (local/graph-sim/scenarios/invoicing-app.json), in
 * every seed: two planners (the core wave) and two of sales and finance (the extended wave).
 */
export const INVOICING_APP_BROKEN_USERS: readonly string[] = [
  "elif.ueda@contoso.com",
  "priya.ivanova@contoso.com",
  "xavier.dubois@contoso.com",
  "yara.dubois@contoso.com",
];
