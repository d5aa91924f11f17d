import { readFileSync } from "node:fs";
import path from "node:path";
import { startAzurite } from "../local/azurite";
import { httpApi } from "../local/rehearsal/api-client";
import { driveRollout } from "../local/rehearsal/drive";
import { ManualClock } from "../local/clock";
import { startSimulatorThread } from "../local/graph-sim/thread/simulator-thread";
import { startAppStack } from "../local/rehearsal/start-stack";
import type { GraphGateway } from "../shared/graph";
import { activityTimes, type ActivityTime } from "./activity-times";
import { elementaryPieces, mergeIntervals, pagesFor, type Interval } from "./scale-intervals";
import { idleJsMemoryMb, peakRssSampler, type PeakRss } from "./scale-rss";

export const PLANS_DIR = path.resolve(__dirname, "../local/plans");
/** The virtual start every rehearsal uses (a Monday morning). */
export const REHEARSAL_START = new Date("2026-01-05T07:00:00Z");

export interface MeasuredRehearsalOptions {
  scenario: string;
  planFile: string;
  size?: number;
  seed?: number;
  /** An Azurite already running (e.g. under a profiler); otherwise one is started for the run. */
  azurite?: { connectionString: string; pid: number | undefined };
  log: (line: string) => void;
}

export interface MeasuredRehearsal {
  status: string;
  finished: boolean;
  users: number;
  virtualDays: number;
  wallMs: number;
  /** Setup (Azurite, simulator tenant, host) before the plan goes in; not part of wallMs. */
  startupMs: number;
  peakRssMb: PeakRss;
  /** This process's JavaScript memory once the stack is up, before the plan goes in (after a full GC). */
  idleJsMb: number;
  graphRequests: number;
  /** Answers that were 429 (top-level requests and $batch items). */
  graphThrottled: number;
  /** Requests per simulator route ($batch items included). */
  graphByKind: Record<string, number>;
  signInPagesRead: number;
  /**
   * Pages that read every stretch of the log the engine asked for exactly once: the windows cut
   * at each other's boundaries, each piece read on its own (so short incremental reads are not
   * penalised for Graph's one-page minimum, but any overlap is).
   */
  distinctWindowPages: number;
  /** The same for the windows' union read in one sweep per disjoint range (a lower bound). */
  unionPages: number;
  readAmplification: number;
  collects: number;
  windows: Interval[];
  reads: ReadWindow[];
  /** Per activity name: how often it ran and its handlers' wall time, busiest first. */
  activities: ActivityTime[];
  /**
   * The same up to the first step that found the rollout watching (every wave done, the watch
   * after the last bake begun), with the wall time to then; the whole run when it never watched.
   * Figures measured before the watch existed compare with this part.
   */
  untilWatch: { wallMs: number; activities: ActivityTime[]; graphRequests: number; graphThrottled: number };
}

/**
 * One whole rollout rehearsed on a fresh Azurite, simulator and host, the way `npm start` runs
 * it, with the figures the scale and read-amplification benches report. Every window the engine
 * asks the gateway for is recorded, so the log it covers can be counted afterwards once.
 *
 * The simulator runs on a thread of its own (Graph does not share the app's CPU), still on this
 * machine's two cores; `npm start` keeps it in-process, where its tenant is easy to inspect.
 */
export async function measuredRehearsal(options: MeasuredRehearsalOptions): Promise<MeasuredRehearsal> {
  const plan = JSON.parse(readFileSync(options.planFile, "utf8")) as { rolloutId: string };
  const started = Date.now();
  // Started here rather than by startStack so that its process's memory can be sampled too.
  const azurite = options.azurite
    ? { ...options.azurite, stop: async () => undefined }
    : await startAzurite();
  const clock = new ManualClock(REHEARSAL_START);
  const sim = await startSimulatorThread({
    scenario: options.scenario,
    clock,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.size !== undefined ? { size: options.size } : {}),
  }).catch(async (error: unknown) => {
    await azurite.stop();
    throw error;
  });
  const stack = await startAppStack(
    {
      azuriteConnectionString: azurite.connectionString,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
    { clock, graphBaseUrl: sim.baseUrl },
  ).catch(async (error: unknown) => {
    await sim.stop();
    await azurite.stop();
    throw error;
  });
  const idleJsMb = idleJsMemoryMb();
  // The host logs an activity when it starts and times it when it ends: untimed ones are running.
  const rss = peakRssSampler(azurite.pid, () =>
    stack.host.activityLog.filter((a) => a.durationMs === undefined).map((a) => a.name),
  );
  try {
    const windows = recordWindows(stack.graph);
    const baseUrl = await stack.host.serveHttp(0);
    const startupMs = Date.now() - started;
    options.log(`  stack up in ${(startupMs / 1000).toFixed(1)} s; rolling out ${plan.rolloutId}`);
    const wallStart = Date.now();
    let lastWave = -1;
    let untilWatch: MeasuredRehearsal["untilWatch"] | undefined;
    const result = await driveRollout(stack, {
      api: httpApi(baseUrl),
      plan,
      rolloutId: plan.rolloutId,
      stepMs: 3_600_000,
      watchingStepMs: 6 * 3_600_000,
      deadline: new Date(REHEARSAL_START.getTime() + 120 * 86_400_000),
      autoApprove: true,
      onStep: async (rollout, at) => {
        if (untilWatch === undefined && rollout.status === "watching") {
          const wallMs = Date.now() - wallStart;
          const graph = await sim.counters();
          untilWatch = {
            wallMs,
            activities: activityTimes(stack.host.activityLog),
            graphRequests: graph.total,
            graphThrottled: graph.throttled,
          };
        }
        if (rollout.currentWave !== undefined && rollout.currentWave !== lastWave) {
          lastWave = rollout.currentWave;
          options.log(
            `  ${((Date.now() - wallStart) / 1000).toFixed(0)} s: wave ${lastWave + 1} (${at.toISOString()})`,
          );
        }
      },
    });
    const wallMs = Date.now() - wallStart;
    const peak = rss.stop();
    const counters = await sim.counters();
    const union = mergeIntervals(windows.list);
    const distinct = pagesFor(await sim.countSignIns(elementaryPieces(windows.list)));
    const rollout = result.rollout;
    return {
      status: rollout.status,
      finished: result.finished,
      users: Object.values(rollout.counts).reduce((sum, n) => sum + n, 0),
      virtualDays: (result.endedAt.getTime() - result.startedAt.getTime()) / 86_400_000,
      wallMs,
      startupMs,
      peakRssMb: peak,
      idleJsMb,
      graphRequests: counters.total,
      graphThrottled: counters.throttled,
      graphByKind: counters.byEndpoint,
      signInPagesRead: counters.signInPagesServed,
      distinctWindowPages: distinct,
      unionPages: pagesFor(await sim.countSignIns(union)),
      readAmplification: distinct === 0 ? 0 : counters.signInPagesServed / distinct,
      collects: windows.list.length,
      windows: union,
      reads: windows.list,
      activities: activityTimes(stack.host.activityLog),
      untilWatch: untilWatch ?? {
        wallMs,
        activities: activityTimes(stack.host.activityLog),
        graphRequests: counters.total,
        graphThrottled: counters.throttled,
      },
    };
  } finally {
    rss.stop();
    await stack.stop();
    await sim.stop();
    await azurite.stop();
  }
}

type ReadWindow = Interval & { pages: number };

/** Wraps the gateway the activities use, noting every [from, to] a sign-in read asks for. */
function recordWindows(graph: GraphGateway): { list: ReadWindow[] } {
  const list: ReadWindow[] = [];
  const original = graph.streamSignIns.bind(graph);
  graph.streamSignIns = async (input) => {
    const result = await original(input);
    list.push({ from: input.from.getTime(), to: input.to.getTime(), pages: result.pages });
    return result;
  };
  return { list };
}
