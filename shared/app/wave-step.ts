import type { StatusStore } from "../store";
import { loadRollout, requireId } from "../store/rollout-facts";
import type { AppPorts } from "./ports";

/** What a wave-step use case needs: the status tables and the Graph gateway. */
export type WaveStepDeps = Pick<AppPorts, "store" | "graph">;

/** One step of one wave: which wave, when (the orchestrator's time) and who caused it. */
export interface WaveStep {
  rolloutId: string;
  waveIndex: number;
  at: string;
  actor: string;
}

/** The rollout's enforced group, which every step moving users into or out of enforcement changes. */
export async function enforcedGroupOf(store: StatusStore, rolloutId: string): Promise<string> {
  const { record } = await loadRollout(store, rolloutId);
  return requireId(record.enforcedGroupId, "enforced group", rolloutId);
}
