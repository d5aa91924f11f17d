import { ManualClock } from "../clock";
import { startAzurite, type AzuriteHandle } from "../azurite";
import { captureRegistrations, LocalDurableHost, TableInstanceStore, type Registry } from "../durable-host";
import { startGraphSimulator, type GraphSimulator } from "../graph-sim";
import { createGraphGateway, seededRandom, type GraphGateway } from "../../shared/graph";
import { useDependencies } from "../../shared/runtime/dependencies";
import { createStatusStore, storePacingState, type StatusStore } from "../../shared/store";

export interface StackOptions {
  scenario: string;
  seed?: number;
  size?: number;
  /** Virtual start; defaults to the scenario's own start date, read by the simulator. */
  start: Date;
  /** An Azurite already running (tests share one); otherwise one is started and stopped here. */
  azuriteConnectionString?: string;
  tablePrefix?: string;
  throttling?: boolean;
  /** Share of sign-in rows that reach the log hours late (the simulator's `arrival.lateShare`). */
  lateRows?: number;
}

/** The app's side of a stack: Azurite, the status store, the Graph gateway and the durable host. */
export interface AppStack {
  clock: ManualClock;
  host: LocalDurableHost;
  store: StatusStore;
  graph: GraphGateway;
  azuriteConnectionString: string;
  stop(): Promise<void>;
}

export interface Stack extends AppStack {
  sim: GraphSimulator;
}

/**
 * Azurite, the Graph simulator and the local durable host on one virtual clock, with the app
 * loaded unchanged: the same functions, orchestrators and activities that run in Azure.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const clock = new ManualClock(options.start);
  const sim = await startGraphSimulator({
    scenario: options.scenario,
    clock,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.size !== undefined ? { size: options.size } : {}),
    ...(options.throttling === false ? { throttling: { enabled: false } } : {}),
    ...(options.lateRows !== undefined ? { arrival: { lateShare: options.lateRows } } : {}),
  });
  try {
    const app = await startAppStack(options, { clock, graphBaseUrl: sim.baseUrl });
    return {
      ...app,
      sim,
      stop: async () => {
        await app.stop();
        await sim.stop().catch(() => undefined);
      },
    };
  } catch (error) {
    await sim.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The app's side only, against a simulator already answering at `graphBaseUrl` on the same clock
 * (startStack's, or one on a thread of its own: see startSimulatorThread).
 */
export async function startAppStack(
  options: Omit<StackOptions, "scenario" | "size" | "start" | "throttling">,
  parts: { clock: ManualClock; graphBaseUrl: string },
): Promise<AppStack> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    let azurite: AzuriteHandle | undefined;
    if (!options.azuriteConnectionString) {
      azurite = await startAzurite();
      started.push(azurite);
    }
    const connectionString = options.azuriteConnectionString ?? (azurite as AzuriteHandle).connectionString;
    const prefix = options.tablePrefix ?? "";
    const { clock } = parts;
    const store = await createStatusStore({ connectionString, tablePrefix: prefix, clock });
    // Graph's Retry-After is honoured in virtual time: waiting moves the shared clock forward.
    const graph = createGraphGateway(
      { baseUrl: parts.graphBaseUrl, staticToken: "local-simulator-token" },
      {
        sleep: async (ms) => clock.advanceBy(ms),
        now: () => clock.now(),
        random: seededRandom(options.seed ?? 1),
        pacing: { state: storePacingState(store.counters) },
      },
    );
    useDependencies({ store, graph, clock });
    const host = await LocalDurableHost.start({
      registry: appRegistry(),
      store: new TableInstanceStore(connectionString, `${prefix}hostinstances`),
      clock: { mode: "virtual", clock },
    });
    started.push(host);
    return {
      clock,
      host,
      store,
      graph,
      azuriteConnectionString: connectionString,
      stop: async () => {
        for (const part of started.reverse()) await part.stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    throw error;
  }
}

let registry: Registry | undefined;

/** Node loads the app's modules once per process, so their registrations are captured once too. */
function appRegistry(): Registry {
  // The app registers its functions as a side effect of loading, which only require() can time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  registry ??= captureRegistrations(() => require("../../functions"));
  return registry;
}
