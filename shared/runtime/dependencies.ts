import { systemClock, type Clock } from "../clock";
import { readConfig } from "../config";
import { createGraphGateway, graphOptionsFromConfig, type GraphGateway } from "../graph";
import { createStatusStore, storeOptionsFromConfig, storePacingState, type StatusStore } from "../store";

/** What the activities and HTTP functions need from the outside world. */
export interface Dependencies {
  store: StatusStore;
  graph: GraphGateway;
  clock: Clock;
}

let current: Promise<Dependencies> | undefined;

/**
 * The local host, the rehearsal and the tests install their own (virtual clock, simulator,
 * Azurite); in Azure the first call builds them from the app settings, once per worker.
 */
export function useDependencies(deps: Dependencies): void {
  current = Promise.resolve(deps);
}

export function dependencies(): Promise<Dependencies> {
  current ??= fromConfig().catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

async function fromConfig(): Promise<Dependencies> {
  const config = readConfig();
  const store = await createStatusStore({
    ...storeOptionsFromConfig(config),
    tablePrefix: config.tablePrefix,
  });
  const graph = createGraphGateway(graphOptionsFromConfig(config), {
    pacing: { state: storePacingState(store.counters) },
  });
  return { store, graph, clock: systemClock };
}
