import { spawn } from "node:child_process";
import path from "node:path";
import { azuriteConnectionString, stopChild, waitForPort } from "../azurite";
import { freePort } from "../free-port";

export interface AzuriteStorageHandle {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Azurite with blobs, queues and tables, in memory, on free loopback ports: the Azure Storage
 * provider keeps control and work-item queues, history and instance tables, leases and large
 * payloads across all three.
 */
export async function startAzuriteStorage(): Promise<AzuriteStorageHandle> {
  const [blobPort, queuePort, tablePort] = [await freePort(), await freePort(), await freePort()];
  const entry = path.join(path.dirname(require.resolve("azurite/package.json")), "dist/src/azurite.js");
  const args = [entry, "--disableTelemetry", "--silent", "--inMemoryPersistence", "--skipApiVersionCheck"];
  for (const [service, port] of [
    ["blob", blobPort],
    ["queue", queuePort],
    ["table", tablePort],
  ] as const) {
    args.push(`--${service}Host`, "127.0.0.1", `--${service}Port`, String(port));
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  for (const port of [blobPort, queuePort, tablePort]) await waitForPort(port, child, () => stderr);
  const account = "devstoreaccount1";
  return {
    connectionString:
      azuriteConnectionString(tablePort) +
      `BlobEndpoint=http://127.0.0.1:${blobPort}/${account};QueueEndpoint=http://127.0.0.1:${queuePort}/${account};`,
    stop: () => stopChild(child),
  };
}
