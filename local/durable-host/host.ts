import type { Clock, ManualClock } from "../clock";
import { durableClientData, type DurableClientData } from "./client-data";
import { handleClientRequest, isClientRoute, type PlainResponse } from "./client-routes";
import type { ActivityExecution } from "./activity-runner";
import { OrchestrationEngine } from "./engine";
import { Faults } from "./faults";
import { createHostClock, type HostClockOptions } from "./host-clock";
import { HostClient } from "./host-client";
import { bodyText, invokeHttpFunction, type HttpInvocation } from "./http-invoke";
import { findHttpFunction } from "./http-routes";
import type { InstanceState } from "./instance-state";
import type { InstanceStore } from "./instance-store";
import { MemoryInstanceStore } from "./instance-store-memory";
import type { HostLog } from "./invocation-context";
import { startLoopbackServer, type LoopbackServer } from "./loopback-server";
import { captureRegistrations, type Registry } from "./registry";
import { TimerTriggers } from "./timer-triggers";

export interface LocalDurableHostOptions {
  /** Imports the app's modules (they register at import time). Give this or `registry`. */
  load?: () => unknown;
  /** Registrations captured earlier, e.g. to start a second host in the same process. */
  registry?: Registry;
  store?: InstanceStore;
  clock?: HostClockOptions;
  /** Loopback port for the durable client routes (rpcBaseUrl); 0 or absent = a free port. */
  clientPort?: number;
  taskHubName?: string;
  routePrefix?: string;
  /** Activities run at once; 1 (the default) keeps virtual-time runs deterministic. */
  activityConcurrency?: number;
  /** host.json `extensions.durableTask.maxOrchestrationActions` (the extension's default: 100,000). */
  maxOrchestrationActions?: number;
  log?: HostLog;
  /** Real/paced mode: how often the background pump looks for due work (real ms). */
  pollIntervalMs?: number;
  /**
   * When each timer function last ran (name → ISO time), e.g. a stopped host's last firings: a
   * firing that was due while no host ran happens at once, as the Functions host's schedule
   * monitor does after a restart. Absent: timers start from the clock's now.
   */
  timerLastRun?: Readonly<Record<string, string>>;
  /**
   * Virtual mode: also run ready work in the background (time still moves only when told), so
   * a client function that polls for completion, or a person with curl, sees progress.
   */
  autoRun?: boolean;
}

export interface HttpResult extends PlainResponse {
  json<T = unknown>(): T;
}

const DEFAULT_HTTP_ORIGIN = "http://localhost:7071";

/**
 * Stands in for the Azure Functions host + Durable extension on one machine: captures the app's
 * registrations, replays real durable-functions orchestrators on a virtual (or real) clock,
 * serves the durable client routes on loopback, invokes HTTP and timer functions unchanged.
 */
export class LocalDurableHost {
  readonly client: HostClient;
  private httpServer: LoopbackServer | undefined;
  private stopped = false;
  private pump: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  private constructor(
    readonly faults: Faults,
    readonly registry: Registry,
    readonly clock: Clock,
    private readonly manualClock: ManualClock | undefined,
    private readonly engine: OrchestrationEngine,
    private readonly timers: TimerTriggers,
    private readonly clientServer: LoopbackServer,
    private readonly options: Required<
      Pick<LocalDurableHostOptions, "taskHubName" | "routePrefix" | "pollIntervalMs">
    > & {
      log: HostLog;
    },
    private readonly clientDataRef: { value: DurableClientData },
  ) {
    this.client = new HostClient(clientServer.origin);
  }

  static async start(options: LocalDurableHostOptions): Promise<LocalDurableHost> {
    const registry = options.registry ?? (options.load ? captureRegistrations(options.load) : undefined);
    if (!registry) throw new Error("LocalDurableHost.start needs `load` or `registry`");
    const { clock, manual, ratio } = createHostClock(options.clock ?? { mode: "virtual" });
    const log = options.log ?? (() => undefined);
    const taskHubName = options.taskHubName ?? "LocalTaskHub";
    const faults = new Faults();
    const clientDataRef = { value: durableClientData("http://127.0.0.1:0", taskHubName) };
    const engine = await OrchestrationEngine.open({
      registry,
      store: options.store ?? new MemoryInstanceStore(),
      clock,
      faults,
      log,
      clientData: () => clientDataRef.value,
      activityConcurrency: options.activityConcurrency ?? 1,
      maxOrchestrationActions: options.maxOrchestrationActions,
    });
    const hostRef: { current?: LocalDurableHost } = {};
    const clientServer = await startLoopbackServer(options.clientPort ?? 0, async (request) => {
      const response = await handleClientRequest(engine, taskHubName, request);
      hostRef.current?.kick();
      return response;
    });
    clientDataRef.value = durableClientData(clientServer.origin, taskHubName);
    const timers = new TimerTriggers(
      registry.ofType("timerTrigger"),
      clock,
      () => clientDataRef.value,
      log,
      ratio,
      options.timerLastRun,
    );
    const host = new LocalDurableHost(
      faults,
      registry,
      clock,
      manual,
      engine,
      timers,
      clientServer,
      {
        taskHubName,
        routePrefix: options.routePrefix ?? "api",
        pollIntervalMs: options.pollIntervalMs ?? 25,
        log,
      },
      clientDataRef,
    );
    hostRef.current = host;
    if (!manual || options.autoRun) host.pump = host.runPump();
    return host;
  }

  /** Origin of the durable client routes (what rpcBaseUrl points at). */
  get clientOrigin(): string {
    return this.clientServer.origin;
  }

  /** Set when a fault hook halted the host; nothing after that point was saved. */
  get stoppedByFault(): string | undefined {
    return this.engine.halted;
  }

  private requireRunning(): void {
    if (this.stopped) throw new Error("this LocalDurableHost has been stopped");
  }

  private requireVirtual(): ManualClock {
    if (!this.manualClock) throw new Error("advancing time needs a host started with clock mode 'virtual'");
    return this.manualClock;
  }

  /** Runs all work that is ready now (orchestrator episodes, activities, due timer functions). */
  async runUntilIdle(): Promise<void> {
    this.requireRunning();
    do {
      await this.engine.drain();
    } while (!this.engine.halted && (await this.timers.fireDue()));
  }

  /**
   * Virtual time moves only when nothing is runnable: run all ready work, jump to the next due
   * durable timer or timer-function firing, repeat until `target`; the clock ends at `target`.
   */
  async advanceTo(target: Date | string): Promise<void> {
    const clock = this.requireVirtual();
    const until = new Date(target);
    await this.runUntilIdle();
    while (!this.engine.halted) {
      const due = this.nextDue();
      if (!due || due.getTime() > until.getTime()) break;
      clock.advanceTo(due);
      await this.runUntilIdle();
    }
    if (!this.engine.halted) {
      clock.advanceTo(until);
      await this.runUntilIdle();
    }
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.clock.now().getTime() + ms));
  }

  /** Advances step by step until `done()` holds or `limit` is reached; returns whether it held. */
  async advanceUntil(done: () => boolean | Promise<boolean>, limit: Date | string): Promise<boolean> {
    const clock = this.requireVirtual();
    const until = new Date(limit);
    await this.runUntilIdle();
    while (!(await done())) {
      if (this.engine.halted) return false;
      const due = this.nextDue();
      if (!due || due.getTime() > until.getTime()) {
        clock.advanceTo(until);
        await this.runUntilIdle();
        return done();
      }
      clock.advanceTo(due);
      await this.runUntilIdle();
    }
    return true;
  }

  private nextDue(): Date | undefined {
    const candidates = [this.engine.nextDueTime(), this.timers.nextDue()].filter((d): d is Date => !!d);
    return candidates.sort((a, b) => a.getTime() - b.getTime())[0];
  }

  /** Calls an HTTP function (or a durable management URL) in process, as `func start` would. */
  async invokeHttp(invocation: HttpInvocation): Promise<HttpResult> {
    this.requireRunning();
    const origin = this.httpServer?.origin ?? DEFAULT_HTTP_ORIGIN;
    const url = new URL(invocation.url, origin);
    let response: PlainResponse;
    if (isClientRoute(url.pathname)) {
      response = await handleClientRequest(this.engine, this.options.taskHubName, {
        method: invocation.method,
        url,
        body: bodyText(invocation.body) ?? "",
      });
    } else {
      const match = findHttpFunction(
        this.registry.ofType("httpTrigger"),
        invocation.method,
        url.pathname,
        this.options.routePrefix,
      );
      response = match
        ? await invokeHttpFunction(
            match.registration,
            { ...invocation, url: url.toString() },
            match.params,
            this.clientDataRef.value,
            this.options.log,
          )
        : { status: 404, headers: {}, body: "" };
    }
    this.kick();
    return { ...response, json: <T>() => JSON.parse(response.body) as T };
  }

  /** Serves HTTP functions and the management routes on 127.0.0.1:port; returns the base URL. */
  async serveHttp(port = 7071): Promise<string> {
    this.requireRunning();
    if (this.httpServer) throw new Error(`already serving on ${this.httpServer.origin}`);
    this.httpServer = await startLoopbackServer(port, (request, headers) =>
      this.invokeHttp({
        method: request.method,
        url: request.url.toString(),
        headers,
        body: request.body || undefined,
      }),
    );
    return this.httpServer.origin;
  }

  activityExecutions(name?: string): number {
    return this.engine.activityExecutions(name);
  }

  /** Every activity execution of this host, in order: the k-th is fault occurrence k. */
  get activityLog(): readonly ActivityExecution[] {
    return this.engine.activityLog;
  }

  /** A copy of an instance's state (history, status, inbox, pending activities, timers). */
  instance(instanceId: string): InstanceState | undefined {
    const state = this.engine.getInstance(instanceId);
    return state === undefined ? undefined : (JSON.parse(JSON.stringify(state)) as InstanceState);
  }

  /** Timer functions invoked so far: name and scheduled time. */
  get timerFirings(): readonly { name: string; at: string }[] {
    return this.timers.fired;
  }

  private kick(): void {
    this.wake?.();
  }

  private async runPump(): Promise<void> {
    while (!this.stopped && !this.engine.halted) {
      try {
        await this.runUntilIdle();
      } catch (error) {
        this.options.log(
          `host pump: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.kick();
    await this.pump?.catch(() => undefined);
    await Promise.all([this.clientServer.close(), this.httpServer?.close()]);
    await this.engine.flush();
  }
}
