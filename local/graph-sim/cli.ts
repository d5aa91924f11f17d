import { Command, InvalidArgumentError } from "commander";
import { startGraphSimulator } from "./index";

function integer(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a non-negative integer.`);
    return n;
  };
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name("graph-sim")
    .description("Microsoft Graph v1.0 simulator on 127.0.0.1 (see local/graph-sim/README.md)")
    .option("--port <port>", "port to listen on (0 = any free port)", integer("--port"), 0)
    .option("--scenario <name|file>", "scenario name or scenario file", "clean")
    .option("--seed <n>", "seed for generated data and injected faults", integer("--seed"), 1)
    .option("--size <n>", "user count for generated scenarios (e.g. large)", integer("--size"))
    .option("--no-throttling", "turn Graph's throttling model off")
    .parse(argv);
  const opts = program.opts<{
    port: number;
    scenario: string;
    seed: number;
    size?: number;
    throttling: boolean;
  }>();
  const sim = await startGraphSimulator({
    port: opts.port,
    scenario: opts.scenario,
    seed: opts.seed,
    ...(opts.size !== undefined ? { size: opts.size } : {}),
    throttling: { enabled: opts.throttling },
  });
  process.stdout.write(
    `graph-sim listening: ${sim.baseUrl} (scenario ${opts.scenario}, seed ${opts.seed}); controls at ${sim.origin}/_sim/state\n`,
  );
  const shutdown = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`graph-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
