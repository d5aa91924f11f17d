import { Command, InvalidArgumentError } from "commander";
import { existsSync } from "node:fs";
import path from "node:path";
import { displayZone, timeFormat } from "../shared/report/zoned-time";
import { httpApi } from "./rehearsal/api-client";
import { driveRollout } from "./rehearsal/drive";
import { previewLines } from "./rehearsal/preview-lines";
import type { PlanPreview } from "../shared/app/preview";
import { createProgressView } from "./rehearsal/progress";
import { startStack, type Stack } from "./rehearsal/start-stack";
import { buildSummary } from "./rehearsal/summary";
import { printSummary } from "./rehearsal/summary-table";
import { writeReportFiles, type ReportFiles } from "./rehearsal/report-files";
import { forgetLocalAzurite, recordLocalAzurite } from "./status/local-azurite";
import { runBacktest } from "./backtest/run-backtest";
import { readPlanFile } from "./rehearsal/read-plan";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";
import { notificationLines } from "./rehearsal/notification-lines";
import { settleNotificationAttempts } from "../shared/app/notify-event";
import { NOTIFY_ENV } from "../shared/config";

interface Options {
  scenario: string;
  plan: string;
  seed: number;
  report?: string;
  keepRunning: boolean;
  speed: string;
  json: boolean;
  port: number;
  utc: boolean;
  signins?: string;
  lateRows?: number;
}

// host.json, not package.json: dist-local/ has a package.json of its own (its #shared/ aliases).
const REPO = path.resolve(__dirname, "..", existsSync(path.resolve(__dirname, "../host.json")) ? "" : "..");

function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError("must be a number from 0 to 1");
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number");
  return n;
}

/**
 * `npm start`: a whole rollout on a simulated tenant. Azurite, the Graph simulator and the local
 * durable host start here; the plan goes in over the HTTP API on 127.0.0.1; virtual time runs
 * until every wave is done; a summary (and optionally a report) comes out.
 */
async function main(): Promise<number> {
  const program = new Command()
    .name("rehearse")
    .description("Rehearse a Conditional Access wave rollout on a simulated tenant")
    .option("--scenario <name|file>", "Graph simulator scenario", "invoicing-app")
    .option("--plan <file>", "rollout plan (JSON)", path.join(REPO, "local/plans/seed-phased.json"))
    .option("--seed <n>", "simulator seed", integer, 1)
    .option("--report <dir>", "write summary.json (and report.html) to this folder")
    .option("--keep-running", "leave the API and Azurite up afterwards to explore with curl", false)
    .option("--speed <ratio|max>", "virtual seconds per real second, or max", "max")
    .option("--json", "print only the summary as JSON", false)
    .option("--port <n>", "HTTP API port (0: any free port)", integer, 7071)
    .option("--utc", "times in UTC instead of the plan's time zone", false)
    .option(
      "--late-rows <share>",
      "share of sign-in rows that reach the log 2 to 8 hours late (any scenario; the reads re-read as far back as they see late rows)",
      share,
    )
    .option(
      "--signins <file>",
      "backtest: replay a recorded sign-in log (Graph pages, a JSON array or JSON lines) through the plan's gates; the scenario supplies the groups",
    )
    .showHelpAfterError();
  program.parse();
  const options = program.opts<Options>();
  const say = options.json ? () => undefined : (line: string) => console.log(line);
  if (options.signins) {
    for (const line of runBacktest({
      signins: options.signins,
      planFile: options.plan,
      scenario: options.scenario,
      seed: options.seed,
    }))
      console.log(line);
    return 0;
  }
  const realMsPerStep = parseSpeed(options.speed);

  const plan = readPlan(options.plan);
  let stack: Stack | undefined;
  let receiver: WebhookReceiver | undefined;
  try {
    // Notifications go to a receiver on 127.0.0.1, whatever the environment says: a rehearsal
    // never posts to a real channel.
    receiver = await startWebhookReceiver();
    for (const setting of new Set([NOTIFY_ENV.webhookUrl, plan.webhookSetting ?? NOTIFY_ENV.webhookUrl]))
      process.env[setting] = receiver.url;
    process.env[NOTIFY_ENV.webhookFormat] = "teams";
    say(`Starting Azurite, the Graph simulator (scenario ${options.scenario}) and the local durable host…`);
    stack = await startStack({
      scenario: options.scenario,
      seed: options.seed,
      start: new Date("2026-01-05T07:00:00Z"),
      ...(options.lateRows !== undefined ? { lateRows: options.lateRows } : {}),
    });
    const baseUrl = await serveOrExplain(stack, options.port);
    if (!options.json) {
      const preview = await httpApi(baseUrl)("POST", "/api/rollouts/preview", plan.raw);
      if (preview.status === 200) previewLines(preview.json<PlanPreview>().outsideWaves).forEach(say);
    }
    say(`HTTP API on ${baseUrl}/api — submitting plan "${plan.rolloutId}" (${plan.waves} waves)`);
    const progress = createProgressView(
      stack.store,
      plan.rolloutId,
      options.json ? "silent" : process.stdout.isTTY ? "bars" : "lines",
      { utc: options.utc },
    );
    const result = await driveRollout(stack, {
      api: httpApi(baseUrl),
      plan: plan.raw,
      rolloutId: plan.rolloutId,
      stepMs: 3_600_000,
      watchingStepMs: 6 * 3_600_000,
      deadline: new Date("2026-06-01T00:00:00Z"),
      autoApprove: true,
      realMsPerStep,
      onStep: (rollout, at) => progress.step(rollout, at),
    }).finally(() => progress.stop());
    const summary = await buildSummary({
      store: stack.store,
      rolloutId: plan.rolloutId,
      scenario: options.scenario,
      startedAt: result.startedAt,
      endedAt: result.endedAt,
      graph: stack.sim.counters(),
    });
    let files: ReportFiles | undefined;
    if (options.report) {
      files = await writeReportFiles(options.report, {
        summary,
        store: stack.store,
        rolloutId: plan.rolloutId,
        now: result.endedAt,
        utc: options.utc,
      });
    }
    await settleNotificationAttempts();
    if (options.json) console.log(JSON.stringify(summary, null, 2));
    else {
      const time = timeFormat(displayZone(plan.raw, options.utc));
      printSummary(summary, result.finished, time);
      say(`\nNotifications sent to the local webhook receiver (${receiver.received.length}):`);
      notificationLines(receiver.received, time).forEach(say);
    }
    if (files) say(`\nReport: ${path.resolve(files.report)} (and ${path.resolve(files.summary)})`);
    if (options.keepRunning) {
      // `npm run status -- --local` reads this to find the emulator this rehearsal leaves up.
      await recordLocalAzurite({
        connectionString: stack.azuriteConnectionString,
        tablePrefix: "",
        rolloutId: plan.rolloutId,
      });
      say(
        `\nStill running (Ctrl+C to stop):\n  API      ${baseUrl}/api/rollouts/${plan.rolloutId}\n  Report   ${baseUrl}/api/rollouts/${plan.rolloutId}/view (with an x-ms-client-principal header)\n  Azurite  ${stack.azuriteConnectionString}\n  Status   npm run status -- --local ${plan.rolloutId}`,
      );
      // Requests made while exploring (a pause, an approve, an event raised at an instance) are
      // processed as they arrive; the virtual clock stays where the rehearsal ended.
      const host = stack.host;
      const pump = setInterval(() => void host.runUntilIdle().catch(() => undefined), 1000);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      clearInterval(pump);
      await forgetLocalAzurite();
    }
    return result.finished && summary.status === "completed" ? 0 : 1;
  } finally {
    await stack?.stop();
    await receiver?.stop();
  }
}

/** A port in use is the common first-run failure: one line saying what to do, not a stack trace. */
async function serveOrExplain(stack: Stack, port: number): Promise<string> {
  try {
    return await stack.host.serveHttp(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `port ${port} is in use (another rehearsal or func start?); try --port 0 for any free port`,
      );
    }
    throw error;
  }
}

function parseSpeed(speed: string): number {
  if (speed === "max") return 0;
  const ratio = Number(speed);
  if (!Number.isFinite(ratio) || ratio <= 0)
    throw new Error(`--speed must be "max" or a positive ratio, got "${speed}"`);
  return 3_600_000 / ratio;
}

function readPlan(file: string): { raw: unknown; rolloutId: string; waves: number; webhookSetting?: string } {
  const { raw, plan } = readPlanFile(file);
  const webhookSetting = plan.notifications?.webhookSetting;
  return {
    raw,
    rolloutId: plan.rolloutId,
    waves: plan.waves.length,
    ...(webhookSetting !== undefined ? { webhookSetting } : {}),
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rehearsal failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
