/**
 * The preflight alone (shared/app/preflight.ts) against the simulator's `large` tenant and plan:
 * what it makes this process hold (held-memory.ts). A graph-efficiency figure; also
 * `npx ts-node --transpile-only bench/preflight-memory.ts [users]` (100,000 by default). At
 * 100,000 users it takes minutes: a week of sign-ins is read for the service-account check.
 */
import { runPreflight } from "../shared/app/preflight";
import { measureHeld, type HeldMemory } from "./held-memory";
import { withLargeTenant } from "./large-tenant";
import { printResultAndExit } from "./print-result";

export interface PreflightMemory extends HeldMemory {
  users: number;
  ok: boolean;
  checks: string[];
}

export function measurePreflightMemory(users: number): Promise<PreflightMemory> {
  return withLargeTenant(users, async ({ stack, clock, plan }) => {
    const { value, memory } = await measureHeld(() =>
      runPreflight(stack.graph, { plan, at: clock.now().toISOString() }),
    );
    return {
      users,
      ...memory,
      ok: value.ok,
      checks: value.checks.map((c) => `${c.status} ${c.name}: ${c.message}`),
    };
  });
}

if (require.main === module) printResultAndExit(measurePreflightMemory(Number(process.argv[2] ?? 100_000)));
