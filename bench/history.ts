/**
 * HISTORY: whole rollouts of the `large` scenario on the local durable host (the rehearsal's
 * stack: Azurite, the Graph simulator, the real orchestrators and activities on a virtual clock)
 * at several tenant sizes, with the history each wave leaves and the largest payload any history
 * event or custom status carries. Bounded history means the per-wave figures do not grow with the
 * number of users; Durable Functions' 16 KB limit on custom status, and the cost of large
 * payloads in replay, mean every payload stays well under 16 KB.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { startAzurite } from "../local/azurite";
import { httpApi } from "../local/rehearsal/api-client";
import { driveRollout } from "../local/rehearsal/drive";
import { startStack } from "../local/rehearsal/start-stack";
import { figure } from "./bench-goal";
import type { BenchFigure, BenchRunOptions, BenchSection } from "./bench-types";
import { attachHistoryProbe, type HistoryReport } from "./history-probe";

const PLAN_FILE = path.resolve(__dirname, "../local/plans/large-10-waves.json");
/** Virtual time per driving step; waves take days, so six hours loses nothing and saves steps. */
const STEP_MS = 6 * 3_600_000;
const START = new Date("2026-01-05T07:00:00Z");
const PAYLOAD_LIMIT_BYTES = 16 * 1024;
/** History per wave at the largest size may be at most this multiple of the smallest size's. */
const GROWTH_GOAL = 1.2;

interface Plan {
  rolloutId: string;
  waves: unknown[];
  gates: { health: { minSignIns: number; maxExcessFailureRate: number } };
}

/**
 * The scale plan (10 waves, a 1% pilot), with the health gate content with little evidence: at
 * 85 users the pilot is one user with a handful of sign-ins, which the real thresholds rightly
 * never pass (the rollout pauses). The same plan runs at every size, so per-wave history compares
 * like with like; at 10,000 users and more the waves pass on evidence either way.
 */
function benchPlan(): Plan {
  const plan = JSON.parse(readFileSync(PLAN_FILE, "utf8")) as Plan;
  plan.gates.health.minSignIns = 4;
  plan.gates.health.maxExcessFailureRate = 0.5;
  return plan;
}

/**
 * A whole rollout costs minutes at 10,000 users on 2 cores, so the quick run compares 85 with
 * 1,000 users. BENCH_HISTORY_SIZES (e.g. "85,10000") overrides either list, for development and
 * for a full table on a machine too slow for a 100,000-user rollout in this section.
 */
export const QUICK_SIZES = [85, 1_000];
export const FULL_SIZES = [85, 10_000, 100_000];

function sizesFromEnv(): number[] | undefined {
  const raw = process.env.BENCH_HISTORY_SIZES;
  if (raw === undefined || raw.trim() === "") return undefined;
  const sizes = raw.split(",").map((part) => Number(part.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`BENCH_HISTORY_SIZES must be whole numbers separated by commas, got "${raw}"`);
  }
  return sizes;
}

export interface HistoryRun {
  users: number;
  status: string;
  wallMs: number;
  perWave: { maxEvents: number; maxBytes: number; meanEvents: number; meanBytes: number };
  report: HistoryReport;
}

async function rehearse(
  users: number,
  connectionString: string,
  log: (line: string) => void,
): Promise<HistoryRun> {
  const plan = benchPlan();
  const stack = await startStack({
    scenario: "large",
    size: users,
    start: START,
    azuriteConnectionString: connectionString,
    tablePrefix: `hist${users}`,
  });
  try {
    const probe = attachHistoryProbe(stack.host, plan.rolloutId);
    const baseUrl = await stack.host.serveHttp(0);
    const started = Date.now();
    const result = await driveRollout(stack, {
      api: httpApi(baseUrl),
      plan,
      rolloutId: plan.rolloutId,
      stepMs: STEP_MS,
      deadline: new Date(START.getTime() + 120 * 86_400_000),
      autoApprove: true,
      onStep: () => probe.sample(),
    });
    const wallMs = Date.now() - started;
    const report = probe.finish(plan.waves.length);
    if (!result.finished)
      throw new Error(`the ${users}-user rollout did not finish (${result.rollout.status})`);
    const waves = report.waves;
    if (waves.length === 0) throw new Error(`the ${users}-user rollout ran no waves`);
    const perWave = {
      maxEvents: Math.max(...waves.map((w) => w.total.events)),
      maxBytes: Math.max(...waves.map((w) => w.total.bytes)),
      meanEvents: waves.reduce((s, w) => s + w.total.events, 0) / waves.length,
      meanBytes: waves.reduce((s, w) => s + w.total.bytes, 0) / waves.length,
    };
    log(
      `${users.toLocaleString("en-US")} users: ${result.rollout.status} in ${(wallMs / 1000).toFixed(1)} s; ` +
        `${waves.length} waves, history per wave ${perWave.meanEvents.toFixed(0)} events / ${(perWave.meanBytes / 1024).toFixed(1)} KB mean, ` +
        `${perWave.maxEvents} / ${(perWave.maxBytes / 1024).toFixed(1)} KB max; largest activity input ${report.largestActivityInput.bytes} B ` +
        `(${report.largestActivityInput.what}), output ${report.largestActivityOutput.bytes} B (${report.largestActivityOutput.what}), ` +
        `custom status ${report.largestCustomStatus.bytes} B`,
    );
    return { users, status: result.rollout.status, wallMs, perWave, report };
  } finally {
    await stack.stop();
  }
}

function sizeLabel(users: number): string {
  return users >= 1000 ? `${users / 1000}k` : String(users);
}

export async function run(opts: BenchRunOptions): Promise<BenchSection> {
  const sizes = sizesFromEnv() ?? (opts.quick ? QUICK_SIZES : FULL_SIZES);
  const azurite = await startAzurite();
  const runs: HistoryRun[] = [];
  try {
    for (const users of sizes) runs.push(await rehearse(users, azurite.connectionString, opts.log));
  } finally {
    await azurite.stop();
  }
  const figures: BenchFigure[] = [];
  for (const r of runs) {
    const n = sizeLabel(r.users);
    figures.push(
      figure(`${n}: history events per wave (max)`, r.perWave.maxEvents, "events"),
      figure(`${n}: history bytes per wave (max)`, r.perWave.maxBytes, "B"),
      figure(`${n}: largest activity input`, r.report.largestActivityInput.bytes, "B", {
        op: "<",
        value: PAYLOAD_LIMIT_BYTES,
      }),
      figure(`${n}: largest activity output`, r.report.largestActivityOutput.bytes, "B", {
        op: "<",
        value: PAYLOAD_LIMIT_BYTES,
      }),
      figure(`${n}: largest orchestration payload`, r.report.largestOrchestrationPayload.bytes, "B", {
        op: "<",
        value: PAYLOAD_LIMIT_BYTES,
      }),
      figure(`${n}: largest custom status`, r.report.largestCustomStatus.bytes, "B", {
        op: "<",
        value: PAYLOAD_LIMIT_BYTES,
      }),
    );
  }
  const smallest = runs[0] as HistoryRun;
  const largest = runs[runs.length - 1] as HistoryRun;
  figures.push(
    figure(
      `history per wave, ${sizeLabel(largest.users)} / ${sizeLabel(smallest.users)} users`,
      largest.perWave.maxBytes / smallest.perWave.maxBytes,
      "×",
      { op: "<=", value: GROWTH_GOAL },
    ),
  );
  return {
    name: "history",
    figures,
    details: {
      plan: path.relative(path.resolve(__dirname, ".."), PLAN_FILE),
      runs: runs.map((r) => ({
        users: r.users,
        status: r.status,
        wallMs: r.wallMs,
        perWave: r.perWave,
        waves: r.report.waves,
        otherExecutions: r.report.otherExecutions.map((e) => e.stats),
        largest: {
          activityInput: r.report.largestActivityInput,
          activityOutput: r.report.largestActivityOutput,
          orchestrationPayload: r.report.largestOrchestrationPayload,
          customStatus: r.report.largestCustomStatus,
        },
      })),
    },
  };
}
