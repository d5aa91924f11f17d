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
