/**
 * `npx ts-node --transpile-only bench/preflight-memory.ts [users]`: the preflight alone
 * (shared/app/preflight.ts) against the simulator's `large` tenant of that many users (100,000 by
 * default) and the `large` plan, measuring what this process's JavaScript memory (heap in use plus
 * buffers) still holds after a full collection forced every 300 ms while it runs, against the same
 * after a full collection before it starts. The simulator runs on a thread of its own, so its
 * tenant is not counted. Not a bench section: at 100,000 users it takes minutes (a week of
 * sign-ins is read for the service-account check).
 */
import { readFileSync } from "node:fs";
import { startAzurite } from "../local/azurite";
import { ManualClock } from "../local/clock";
import { startSimulatorThread } from "../local/graph-sim/thread/simulator-thread";
import { startAppStack } from "../local/rehearsal/start-stack";
import { runPreflight } from "../shared/app/preflight";
import { validatePlan } from "../shared/domain";
import { forceGc } from "./force-gc";
import { REHEARSAL_START } from "./scale-harness";
import { LARGE_PLAN } from "./scale-runs";

function heldMb(): number {
  forceGc();
  const usage = process.memoryUsage();
  return Math.round((usage.heapUsed + usage.external) / 1024 / 1024);
}

async function main(users: number): Promise<void> {
  const azurite = await startAzurite();
  const clock = new ManualClock(REHEARSAL_START);
  const sim = await startSimulatorThread({ scenario: "large", clock, size: users });
  const stack = await startAppStack(
    { azuriteConnectionString: azurite.connectionString },
    { clock, graphBaseUrl: sim.baseUrl },
  );
  try {
    const validated = validatePlan(JSON.parse(readFileSync(LARGE_PLAN, "utf8")));
    if (!validated.ok) throw new Error(`${LARGE_PLAN} is not a valid plan`);
    const idle = heldMb();
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, heldMb())), 300);
    const started = Date.now();
    const result = await runPreflight(stack.graph, { plan: validated.plan, at: clock.now().toISOString() });
    clearInterval(sampler);
    console.log(
      JSON.stringify({
        users,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        idleMb: idle,
        heldPeakMb: peak,
        addedMb: peak - idle,
        ok: result.ok,
        checks: result.checks.map((c) => `${c.status} ${c.name}: ${c.message}`),
      }),
    );
  } finally {
    await stack.stop();
    await sim.stop();
    await azurite.stop();
  }
}

main(Number(process.argv[2] ?? 100_000)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
