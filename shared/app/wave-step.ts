import type { GraphGateway } from "../graph";
import type { StatusStore } from "../store";

/** What a wave-step use case needs: the status tables and the Graph gateway. */
export interface WaveStepDeps {
  store: StatusStore;
  graph: GraphGateway;
}

/** One step of one wave: which wave, when (the orchestrator's time) and who caused it. */
export interface WaveStep {
  rolloutId: string;
  waveIndex: number;
  at: string;
  actor: string;
}
