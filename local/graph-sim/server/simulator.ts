import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { systemClock, type Clock } from "../../clock";
import { readSignInRecording, type SignInRecording } from "../recordings/read-recording";
import { recordingTenant } from "../recordings/recording-tenant";
import type { Arrival } from "../tenant/scenario-schema";
import type { SimTenant } from "../tenant/tenant-port";
import { Counters, type SimCounters } from "./counters";
import { FaultInjector, seededRandom, type FaultConfig } from "./faults";
import { createGraphHttpServer, VERSION_SEGMENT } from "./http-server";
import { PagingTokens } from "./paging-token";
import { Pipeline } from "./pipeline";
import { graphRoutes } from "./routes";
import { handleControl, type SimControl } from "./routes/control";
import { loadTenant, type ScenarioInput } from "./load-tenant";
import { Throttler, type ThrottlingConfig, type ThrottlingOptions } from "./throttling";

export interface GraphSimulatorOptions {
  /** 0 or absent: the OS picks a free loopback port. */
  port?: number;
  /** Scenario name ("clean"), a path to a scenario file, or a parsed scenario object. */
  scenario?: ScenarioInput;
  /** A ready tenant instead of a scenario (tests use small doubles). */
  tenant?: SimTenant;
  /**
   * A recorded sign-in log (path, or one read with readSignInRecording) to serve instead of a
   * generated one: the tenant is recordingTenant's (its users from the recording).
   */
  signins?: string | SignInRecording;
  seed?: number;
  /** User count for scenarios with a `generate` block (e.g. "large"). */
  size?: number;
  /** Overrides the scenario's row arrival delays, e.g. `{lateShare: 0.1}`: hours-late rows with any scenario. */
  arrival?: Partial<Arrival>;
  clock?: Clock;
  throttling?: ThrottlingOptions;
  faults?: FaultConfig;
}

export interface GraphSimulator extends SimControl {
  /** Graph service root, e.g. http://127.0.0.1:PORT/v1.0 */
  baseUrl: string;
  /** http://127.0.0.1:PORT: what the Graph SDK wants as `baseUrl` (it appends the version). */
  origin: string;
  port: number;
  tenant: SimTenant;
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startGraphSimulator(options: GraphSimulatorOptions): Promise<GraphSimulator> {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? systemClock;
  const recording =
    typeof options.signins === "string" ? readSignInRecording(options.signins) : options.signins;
  const tenant =
    options.tenant ??
    (recording
      ? recordingTenant(recording, { seed, clock })
      : loadTenant(options.scenario ?? "clean", seed, clock, options.size, options.arrival));
  const counters = new Counters();
  const throttler = new Throttler(options.throttling);
  const faults = new FaultInjector(seed, options.faults);
  let serviceRoot = "";
  const pipeline = new Pipeline({
    tenant,
    clock,
    counters,
    throttler,
    faults,
    tokens: new PagingTokens(`graph-sim:${seed}:${process.pid}:${Date.now()}`),
    routes: graphRoutes,
    serviceRoot: () => serviceRoot,
    random: seededRandom(seed ^ 0xba7c4),
  });

  const control: SimControl = {
    tenant,
    counters: (): SimCounters => counters.snapshot(),
    resetCounters: () => counters.reset(),
    faults: () => faults.current(),
    setFaults: (f: FaultConfig) => faults.set(f),
    throttling: (): ThrottlingConfig => throttler.current(),
    setThrottling: (t: ThrottlingOptions) => {
      throttler.configure(t);
    },
  };

  const server = createGraphHttpServer({
    graph: (req) => pipeline.handle(req),
    control: (method, path, body) => handleControl(control, method, path, body),
    now: () => clock.now(),
  });
  const port = await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  serviceRoot = `${origin}/${VERSION_SEGMENT}`;

  return {
    ...control,
    baseUrl: serviceRoot,
    origin,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
