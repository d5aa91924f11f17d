import type { GateRecord } from "../../../shared/store";
import { rehearseToEnd, seedPlan, type EngineRun } from "../../integration/engine/engine-fixture";

// Whole rollouts of the seed plan as shipped, with their 30-day watch, seed after seed on the
// realistic logs. One scenario's sweep per file, so that jest can run the sweeps side by side.

export const plan = seedPlan();
export const rolloutId = String(plan.rolloutId);
export const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
/** A whole rollout with its watch takes minutes of virtual time and about a minute of real time. */
export const SWEEP_TIMEOUT_MS = 1_800_000;

export interface Outcome {
  status: string;
  enforced: number;
  heldBack: { upn: string; reason: string }[];
  gates: GateRecord[];
}

export async function rollOut(scenario: string, seed: number): Promise<Outcome> {
  let run: EngineRun | undefined;
  try {
    run = await rehearseToEnd(scenario, plan, { seed, onStarted: (started) => (run = started) });
    const { store } = run.stack;
    const rollout = await store.rollouts.get(rolloutId);
    const heldBack = (await store.users.list(rolloutId, { stage: "heldBack" })).map((u) => ({
      upn: u.upn,
      reason: u.reason ?? "",
    }));
    heldBack.sort((a, b) => a.upn.localeCompare(b.upn));
    const gates = await store.gates.list(rolloutId, { limit: 100_000 });
    return { status: rollout.status, enforced: rollout.counts.enforced, heldBack, gates };
  } finally {
    await run?.stack.stop();
  }
}

export const pauses = (gates: GateRecord[]) =>
  gates.filter((g) => g.decision === "pause").map((g) => `wave ${g.waveIndex + 1}: ${g.reasons.join("; ")}`);
