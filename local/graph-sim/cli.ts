import { Command, InvalidArgumentError } from "commander";
import { startGraphSimulator } from "./index";
import { RecordingError, readSignInRecording } from "./recordings/read-recording";
import { clockStartingAt, parseInstant } from "./starting-clock";

function integer(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a non-negative integer.`);
    return n;
  };
}

function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError("--late-rows must be a share from 0 to 1, e.g. 0.1.");
  return n;
}

function instant(value: string): Date {
  const at = parseInstant(value);
  if (!at)
    throw new InvalidArgumentError("--at must be an ISO instant with a zone, e.g. 2026-01-12T08:00:00Z.");
  return at;
}

interface CliOptions {
  port: number;
  scenario: string;
  seed: number;
  size?: number;
  throttling: boolean;
  at?: Date;
  lateRows?: number;
  signins?: string;
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
    .option(
      "--at <instant>",
      "start the simulator's clock at this ISO instant (it then runs in real time)",
      instant,
    )
    .option(
      "--late-rows <share>",
      "this share of sign-in rows arrives 2 to 8 hours late (any scenario)",
      share,
    )
    .option("--signins <file>", "serve this recorded sign-in log (Graph pages, a JSON array or JSON lines)")
    .parse(argv);
  const opts = program.opts<CliOptions>();
  const recording = opts.signins ? readSignInRecording(opts.signins) : undefined;
  // A recording is served at its own time: by default the clock starts just after its newest row.
  const start = opts.at ?? (recording ? new Date(recording.to.getTime() + 1000) : undefined);
  const clock = start ? clockStartingAt(start) : undefined;
  const sim = await startGraphSimulator({
    port: opts.port,
    scenario: opts.scenario,
    seed: opts.seed,
    ...(opts.size !== undefined ? { size: opts.size } : {}),
    ...(opts.lateRows !== undefined ? { arrival: { lateShare: opts.lateRows } } : {}),
    ...(clock ? { clock } : {}),
    ...(recording ? { signins: recording } : {}),
    throttling: { enabled: opts.throttling },
  });
  const source = recording
    ? `recording ${opts.signins}: ${recording.signIns.length} sign-ins of ${recording.users.length} users, ${recording.from.toISOString()} to ${recording.to.toISOString()}`
    : `scenario ${opts.scenario}, seed ${opts.seed}`;
  const at = start ? `; clock started at ${start.toISOString()}` : "";
  process.stdout.write(
    `graph-sim listening: ${sim.baseUrl} (${source}${at}); controls at ${sim.origin}/_sim/state\n`,
  );
  const shutdown = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main(process.argv).catch((error: unknown) => {
  // A malformed recording names its line or field; nothing here needs a stack trace.
  const message = error instanceof RecordingError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`graph-sim: ${message}\n`);
  process.exit(1);
});
