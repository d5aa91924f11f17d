import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { freePort } from "./free-port";

/** The emulator's published development account; it is not a secret and only opens Azurite. */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface AzuriteHandle {
  tablePort: number;
  connectionString: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export function azuriteConnectionString(tablePort: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://127.0.0.1:${tablePort}/${DEV_ACCOUNT};`
  );
}

/**
 * Starts Azurite's table service from node_modules, in memory, on a free loopback port.
 * Only tables are needed: the local durable host and the status tables both live there.
 */
export async function startAzurite(
  options: { tablePort?: number; location?: string } = {},
): Promise<AzuriteHandle> {
  const tablePort = options.tablePort ?? (await freePort());
  const entry = path.join(path.dirname(require.resolve("azurite/package.json")), "dist/src/table/main.js");
  const args = [
    entry,
    "--tableHost",
    "127.0.0.1",
    "--tablePort",
    String(tablePort),
    "--disableTelemetry",
    "--silent",
  ];
  if (options.location) args.push("--location", options.location);
  else args.push("--inMemoryPersistence");
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForPort(tablePort, child, () => stderr);
  return {
    tablePort,
    connectionString: azuriteConnectionString(tablePort),
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

export async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Azurite exited with code ${child.exitCode} before listening: ${stderr().trim()}`);
    }
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`Azurite did not listen on 127.0.0.1:${port} within 20 s: ${stderr().trim()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT is Azurite's own shutdown (Ctrl+C): it saves its data directory before exiting.
    // SIGTERM ends it at once and loses the writes of the last autosave interval (5 s).
    child.kill("SIGINT");
  });
}
