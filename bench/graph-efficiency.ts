import type { BenchRunOptions, BenchSection } from "./bench-types";
import { figure } from "./bench-goal";
import type { MeasuredRehearsal } from "./scale-harness";
import { largeRehearsal, largeUsers, seedRehearsal } from "./scale-runs";

/**
 * The baseline: the default rehearsal (`npm start`: seed plan, invoicing-app) at commit 80b3ef1 made
 * 726 Graph requests, 206 of them Conditional Access 429s. The goal is the same decisions for at
 * least a quarter fewer requests.
 */
export const BASELINE_REQUESTS = 726;
const THROTTLED_GOAL_PERCENT = 2;
const FEWER_GOAL_PERCENT = 25;
/**
 * Drift checks' share of the 100,000-user rehearsal's wall time before groups/delta: 16.9 s of
 * 266.6 s in the full run on 956ce37 (bench/results.json then, scale section); the goal is half.
 */
export const DRIFT_SHARE_BEFORE_PERCENT = 6.3;
/** A Flex Consumption instance has 2,048 MB for everything it runs at once. */
const ACTIVITY_MEMORY_GOAL_MB = 512;

function throttledPercent(r: MeasuredRehearsal): number {
  return r.graphRequests === 0 ? 0 : Math.round((r.graphThrottled / r.graphRequests) * 1000) / 10;
}

/** Share of the rehearsal's wall time spent in drift-check activities, in %. */
export function driftShare(r: Pick<MeasuredRehearsal, "activities" | "wallMs">): number {
  const seconds = r.activities.find((a) => a.name === "check-drift")?.seconds ?? 0;
  return r.wallMs === 0 ? 0 : Math.round(((seconds * 1000) / r.wallMs) * 1000) / 10;
}

/** The activity kind whose runs reached the most JavaScript memory, and that peak in MB. */
export function largestActivity(r: Pick<MeasuredRehearsal, "peakRssMb">): { name: string; mb: number } {
  return Object.entries(r.peakRssMb.byActivity).reduce(
    (top, [name, mb]) => (mb > top.mb ? { name, mb } : top),
    { name: "-", mb: 0 },
  );
}

function policyCalls(r: MeasuredRehearsal): number {
  return Object.entries(r.graphByKind)
    .filter(([kind]) => kind.startsWith("policies."))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * What the rollout costs Graph: requests, the share Graph throttled, and Conditional Access calls
 * (about one per second per tenant is all Graph allows), for the default rehearsal and the large
 * one (100,000 users; 2,000 with --quick, whose figures carry no goal); for the large one also the
 * drift checks' share of wall time and the largest peak memory of any activity kind.
 */
export async function run(opts: BenchRunOptions): Promise<BenchSection> {
  const seed = await seedRehearsal(opts.log);
  if (!seed.finished) throw new Error(`the default rehearsal did not finish: ${seed.status}`);
  const users = largeUsers(opts.quick);
  const large = await largeRehearsal(opts.quick, opts.log);
  if (!large.finished) throw new Error(`the ${users}-user rehearsal did not finish: ${large.status}`);
  const fewer = Math.round((1 - seed.graphRequests / BASELINE_REQUESTS) * 1000) / 10;
  const largeLabel = `${users.toLocaleString("en-GB")} users`;
  const atScale = users >= 100_000;
  return {
    name: "graph-efficiency",
    figures: [
      figure("default rehearsal: Graph requests", seed.graphRequests, "requests"),
      figure(`default rehearsal: fewer requests than ${BASELINE_REQUESTS} (80b3ef1)`, fewer, "%", {
        op: ">=",
        value: FEWER_GOAL_PERCENT,
      }),
      figure("default rehearsal: throttled", throttledPercent(seed), "%", {
        op: "<=",
        value: THROTTLED_GOAL_PERCENT,
      }),
      figure("default rehearsal: Conditional Access calls", policyCalls(seed), "requests"),
      figure(`${largeLabel}: Graph requests`, large.graphRequests, "requests"),
      figure(
        `${largeLabel}: throttled`,
        throttledPercent(large),
        "%",
        atScale ? { op: "<=", value: THROTTLED_GOAL_PERCENT } : undefined,
      ),
      figure(`${largeLabel}: Conditional Access calls`, policyCalls(large), "requests"),
      figure(
        `${largeLabel}: drift checks' share of wall time`,
        driftShare(large),
        "%",
        atScale ? { op: "<=", value: DRIFT_SHARE_BEFORE_PERCENT / 2 } : undefined,
      ),
      figure(
        `${largeLabel}: largest activity's peak memory (${largestActivity(large).name})`,
        largestActivity(large).mb,
        "MB",
        atScale ? { op: "<=", value: ACTIVITY_MEMORY_GOAL_MB } : undefined,
      ),
    ],
    details: {
      defaultRehearsal: { status: seed.status, throttled: seed.graphThrottled, byKind: seed.graphByKind },
      large: {
        users,
        status: large.status,
        throttled: large.graphThrottled,
        byKind: large.graphByKind,
        wallSeconds: Math.round(large.wallMs / 100) / 10,
        activities: large.activities,
        peakMemoryMbByActivity: large.peakRssMb.byActivity,
      },
    },
  };
}
