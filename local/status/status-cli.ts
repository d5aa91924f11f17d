import { Command, Option } from "commander";
import { runStatus, type StatusRequest } from "./run-status";
import { stripControlLines } from "../../shared/text/terminal-safe";

interface CliOptions {
  connectionString?: string;
  accountUrl?: string;
  local?: boolean;
  tablePrefix?: string;
  json?: boolean;
  utc?: boolean;
}

/**
 * `npm run status -- [rolloutId]`: the status tables as an operator reads them, from Azurite
 * (a rehearsal left running, or any connection string) or a real account with Entra sign-in.
 */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = new Command()
    .name("status")
    .description(
      "Show rollouts from the status tables; with a rollout id, its waves, held-back users and last gates",
    )
    .argument("[rolloutId]", "a rollout to show in detail")
    .addOption(
      new Option("--connection-string <value>", "Table Storage connection string").env(
        "AZURE_STORAGE_CONNECTION_STRING",
      ),
    )
    .option(
      "--account-url <url>",
      "https://<account>.table.core.windows.net, signed in with DefaultAzureCredential",
    )
    .option("--local", "the Azurite that `npm start -- --keep-running` left up (the default)")
    .addOption(
      new Option("--table-prefix <prefix>", "prefix of the status tables").env("STATUS_TABLE_PREFIX"),
    )
    .option("--json", "print JSON instead of tables")
    .option("--utc", "times in UTC instead of the plan's time zone")
    .showHelpAfterError();
  program.parse(argv);
  const options = program.opts<CliOptions>();
  const [rolloutId] = program.args;
  const request: StatusRequest = {
    ...options,
    connectionStringSource: program.getOptionValueSource("connectionString"),
    ...(rolloutId ? { rolloutId } : {}),
  };
  return runStatus(request, {
    out: (text) => console.log(stripControlLines(text)),
    err: (text) => console.error(stripControlLines(text)),
  });
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`status failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
