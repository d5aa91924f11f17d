import { cpus } from "node:os";
import type { BenchRunOptions, BenchSection } from "./bench-types";
import { largeRehearsal, largeUsers } from "./scale-runs";

/** Five minutes on two cores, for 100,000 users (held only to runs of that size). */
const WALL_GOAL_S = 300;

/**
 * The `large` scenario rehearsed end to end (Azurite, simulator, durable host, real app) with
 * 100,000 users in 10 waves (2,000 with --quick): wall time from the plan going in to the last
 * wave done, peak memory of the app and of Azurite, and what it cost in Graph calls.
 */
export async function run(opts: BenchRunOptions): Promise<BenchSection> {
  const users = largeUsers(opts.quick);
  const r = await largeRehearsal(opts.quick, opts.log);
  if (!r.finished || r.status !== "completed") {
    throw new Error(`the ${users}-user rollout did not complete: ${r.status}`);
  }
  const label = `${users.toLocaleString("en-GB")} users, 10 waves`;
  opts.log(`  activity time: ${r.activities.map((a) => `${a.name} ${a.seconds} s / ${a.runs}`).join(", ")}`);
  return {
    name: "scale",
    figures: [
      {
        label: `${label}: wall time`,
        value: Math.round(r.wallMs / 100) / 10,
        unit: "s",
        ...(users >= 100_000 ? { goal: { op: "<" as const, value: WALL_GOAL_S } } : {}),
      },
      { label: `${label}: peak RSS, app process`, value: r.peakRssMb.app, unit: "MB" },
      { label: `${label}: peak RSS, Azurite`, value: r.peakRssMb.azurite, unit: "MB" },
      { label: `${label}: Graph requests`, value: r.graphRequests, unit: "requests" },
      { label: `${label}: sign-in pages read`, value: r.signInPagesRead, unit: "pages" },
    ],
    details: {
      users: r.users,
      status: r.status,
      virtualDays: Math.round(r.virtualDays * 10) / 10,
      startupSeconds: Math.round(r.startupMs / 100) / 10,
      cores: cpus().length,
      activities: r.activities,
    },
  };
}
