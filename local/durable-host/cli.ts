import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { startAzurite, type AzuriteHandle } from "../azurite";
import { LocalDurableHost } from "./host";
import type { HostClockOptions } from "./host-clock";
import type { InstanceStore } from "./instance-store";
import { MemoryInstanceStore } from "./instance-store-memory";
import { TableInstanceStore } from "./instance-store-table";

/**
 * Runs the app like `func start` for exploring by hand: HTTP functions and the management
 * routes on 127.0.0.1, timers and orchestrations on a real or paced clock.
 */
function positive(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0)) throw new InvalidArgumentError("must be a positive number");
  return parsed;
}

const program = new Command("durable-host")
  .description("Local Durable Functions host for this app (no Azure Functions runtime needed)")
  .option("--port <port>", "HTTP port on 127.0.0.1", positive, 7071)
  .option("--client-port <port>", "durable client port (default: any free port)", positive)
  .option("--ratio <n>", "virtual seconds per real second (1 = real time)", positive, 1)
  .option("--start <iso>", "virtual start time when --ratio > 1", new Date().toISOString())
  .option("--tables <connectionString>", "keep instances in Azure Table Storage (Azurite)")
  .option("--azurite", "start an in-memory Azurite and keep instances there")
  .option("--table <name>", "instance table name", "LocalDurableInstances")
  .option("--app <module>", "module that registers the functions", "functions")
  .action(async (options: Record<string, string | number | boolean | undefined>) => {
    let azurite: AzuriteHandle | undefined;
    let store: InstanceStore = new MemoryInstanceStore();
    if (options.azurite) azurite = await startAzurite();
    const connection = (options.tables as string | undefined) ?? azurite?.connectionString;
    if (connection) store = new TableInstanceStore(connection, options.table as string);
    const ratio = options.ratio as number;
    const clock: HostClockOptions =
      ratio === 1 ? { mode: "real" } : { mode: "paced", start: options.start as string, ratio };
    const appModule = path.resolve(__dirname, "../..", options.app as string);
    const host = await LocalDurableHost.start({
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- apps register at import time, inside the capture
      load: () => require(appModule),
      store,
      clock,
      clientPort: options.clientPort as number | undefined,
      log: (line) => console.log(line),
    });
    const base = await host.serveHttp(options.port as number);
    console.log(
      `Functions: ${base}/api/…   durable client: ${host.clientOrigin}   clock: ${clock.mode} ×${ratio}`,
    );
    for (const registration of host.registry.all()) {
      console.log(`  ${registration.trigger.type.padEnd(22)} ${registration.name}`);
    }
    const shutdown = async (): Promise<void> => {
      await host.stop();
      await azurite?.stop();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown());
    process.once("SIGTERM", () => void shutdown());
  });

void program.parseAsync();
