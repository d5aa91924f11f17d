import type { BenchFigure, BenchRunOptions, BenchSection } from "./bench-types";
import type { MeasuredRehearsal } from "./scale-harness";
import { largeRehearsal, largeUsers, seedRehearsal } from "./scale-runs";

const GOAL = { op: "<=" as const, value: 1.1 };

/**
 * Sign-in read amplification over whole rollouts: pages read from Graph (the simulator's count)
 * divided by the pages that read every stretch of the log the observation and bake windows cover
 * exactly once. 1.0 means no page was read twice; each extra gate re-reading a window adds 1.
 */
export async function run(opts: BenchRunOptions): Promise<BenchSection> {
  const seed = await seedRehearsal(opts.log);
  const large = await largeRehearsal(opts.quick, opts.log);
  const users = largeUsers(opts.quick).toLocaleString("en-GB");
  return {
    name: "read-amplification",
    figures: [
      figure("seed plan on invoicing-app: pages read / distinct window pages", seed),
      figure(`large, ${users} users, 10 waves: pages read / distinct window pages`, large),
    ],
    details: { seed: details(seed), large: details(large) },
  };
}

function figure(label: string, rehearsal: MeasuredRehearsal): BenchFigure {
  if (!rehearsal.finished) throw new Error(`${label}: the rollout did not finish (${rehearsal.status})`);
  return { label, value: round(rehearsal.readAmplification), unit: "×", goal: GOAL };
}

function details(r: MeasuredRehearsal): Record<string, unknown> {
  return {
    status: r.status,
    signInPagesRead: r.signInPagesRead,
    distinctWindowPages: r.distinctWindowPages,
    pagesIfWindowsWereOneSweep: r.unionPages,
    reads: r.collects,
    virtualDays: round(r.virtualDays),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
