import { readFileSync } from "node:fs";
import { startAzurite } from "../local/azurite";
import { ManualClock } from "../local/clock";
import { startSimulatorThread, type SimulatorThread } from "../local/graph-sim/thread/simulator-thread";
import { startAppStack, type AppStack } from "../local/rehearsal/start-stack";
import { validatePlan, type Plan } from "../shared/domain";
import { REHEARSAL_START } from "./scale-harness";
import { LARGE_PLAN } from "./scale-runs";

export interface LargeTenant {
  stack: AppStack;
  sim: SimulatorThread;
  clock: ManualClock;
  plan: Plan;
}

/**
 * Runs `work` against a fresh Azurite and the simulator's `large` tenant of `users` users (on a
 * thread of its own, so its heap is not this one's), with the app's side of the stack and the
 * `large` plan, and stops them all afterwards.
 */
export async function withLargeTenant<T>(
  users: number,
  work: (tenant: LargeTenant) => Promise<T>,
): Promise<T> {
  const validated = validatePlan(JSON.parse(readFileSync(LARGE_PLAN, "utf8")));
  if (!validated.ok) throw new Error(`${LARGE_PLAN} is not a valid plan`);
  const azurite = await startAzurite();
  const clock = new ManualClock(REHEARSAL_START);
  const sim = await startSimulatorThread({ scenario: "large", clock, size: users });
  const stack = await startAppStack(
    { azuriteConnectionString: azurite.connectionString },
    { clock, graphBaseUrl: sim.baseUrl },
  ).catch(async (error: unknown) => {
    await sim.stop();
    await azurite.stop();
    throw error;
  });
  try {
    return await work({ stack, sim, clock, plan: validated.plan });
  } finally {
    await stack.stop();
    await sim.stop();
    await azurite.stop();
  }
}
