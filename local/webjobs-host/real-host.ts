import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import type { DurableClientData } from "../durable-host/client-data";
import { HostClient } from "../durable-host/host-client";
import type { Registry } from "../durable-host/registry";
import { NodeWorker, type ActivityGate } from "./worker";

/** Where `npm run build:webjobs-host` puts the host. */
export const HOST_DLL = path.join(__dirname, "bin", "Release", "net10.0", "WebJobsHost.dll");

export interface RealDurableHostOptions {
  registry: Registry;
  /** Blob, queue and table endpoints: see startAzuriteStorage(). */
  connectionString: string;
  /** Task hub; a fresh one per host unless a test restarts a host on the same hub. */
  hubName?: string;
  /** The provider's MaximumDelayTime (6 days on Azure Storage), as a .NET TimeSpan "d.hh:mm:ss". */
  maximumShortTimer?: string;
  /** The provider's LongRunningTimerIntervalLength (3 days). */
  longTimerChunk?: string;
  /** How long an idle queue may wait between polls (30 s by default in the extension). */
  maxQueuePollingInterval?: string;
  beforeActivity?: ActivityGate;
  afterActivity?: ActivityGate;
  /** Host log lines (Warning and above unless WEBJOBS_LOG_LEVEL says otherwise). */
  log?: (line: string) => void;
}

export interface RealDurableHost {
  hubName: string;
  clientData: DurableClientData;
  /** The extension's loopback client API, the one df.getClient() uses. */
  client: HostClient;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the .NET WebJobs host running the real Durable Task extension, with this process as its
 * Node worker, and resolves once the extension is listening and has bound a durable client.
 */
export async function startRealDurableHost(options: RealDurableHostOptions): Promise<RealDurableHost> {
  if (!existsSync(HOST_DLL)) {
    throw new Error(`${HOST_DLL} is missing: run \`npm run build:webjobs-host\` (needs the .NET 10 SDK).`);
  }
  const worker = new NodeWorker({
    registry: options.registry,
    beforeActivity: options.beforeActivity,
    afterActivity: options.afterActivity,
  });
  const workerUrl = await worker.listen();
  const hubName = options.hubName ?? `t${randomBytes(6).toString("hex")}`;
  let output = "";
  const child = spawn("dotnet", [HOST_DLL], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      FUNCTIONS_WORKER_RUNTIME: "node",
      AzureWebJobsStorage: options.connectionString,
      WEBJOBS_WORKER_URL: workerUrl,
      DURABLE_HUB_NAME: hubName,
      DURABLE_MAXIMUM_SHORT_TIMER: options.maximumShortTimer ?? "",
      DURABLE_LONG_TIMER_CHUNK: options.longTimerChunk ?? "",
      DURABLE_MAX_QUEUE_POLLING_INTERVAL: options.maxQueuePollingInterval ?? "00:00:01",
      DOTNET_NOLOGO: "1",
      DOTNET_CLI_TELEMETRY_OPTOUT: "1",
    },
  });
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    // The extension also mirrors its ETW events to stdout on Linux (LinuxAppServiceLogger); they
    // stay in output() but would drown the log.
    for (const line of text.split("\n")) {
      if (line.trim() && !line.startsWith("MS_DURABLE_FUNCTION_EVENTS_LOGS")) options.log?.(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`The WebJobs host exited (code ${code}):\n${output}`))),
  );
  let clientData: DurableClientData;
  try {
    clientData = await Promise.race([worker.whenReady(), exited, timeout(90_000, () => output)]);
  } catch (error) {
    await stopProcess(child);
    await worker.close();
    throw error;
  }
  exited.catch(() => undefined);
  return {
    hubName,
    clientData,
    client: new HostClient(new URL(clientData.rpcBaseUrl).origin),
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      await worker.close();
    },
  };
}

function timeout(ms: number, output: () => string): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The WebJobs host was not ready within ${ms / 1000} s:\n${output()}`)),
      ms,
    );
    timer.unref();
  });
}

/** SIGTERM lets the generic host stop the extension (it releases its partition leases). */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
