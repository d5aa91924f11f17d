import { checkDrift } from "../shared/app/reconcile-drift";
import { shareSize } from "../shared/domain";
import type { UserInput } from "../shared/store";
import { DRIFT_DELTA_WINDOW } from "../shared/store/drift-delta-state";
import { refreshCounts } from "../shared/store/rollout-facts";
import { createBenchRollout } from "./bench-rollout";
import type { ReplayedWave } from "./drift-share";
import { withLargeTenant } from "./large-tenant";

export interface DriftReplay {
  members: number;
  waves: ReplayedWave[];
  /** Simulator requests by kind of the last wave's full check, and of its two delta checks. */
  lastFullRequests: Record<string, number>;
  lastDeltaRequests: Record<string, number>;
  /** Whether every check found no drift (the rollout's own changes are not drift). */
  noDrift: boolean;
}

const CHECK_EVERY_MS = 12 * 3_600_000;

function difference(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([kind, n]) => [kind, n - (before[kind] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * The drift check alone (shared/app/reconcile-drift.ts, unchanged) against the simulator, replaying
 * how the enforced group of the `large` plan grows wave by wave to `members` users, with the users
 * rows in Azurite as enforcement writes them. Per wave: a check read in full (its delta link
 * removed first: what every check cost before groups/delta), the wave's users added to the group
 * and their rows (counted as enforcement counts them, untimed), a delta check that reads those
 * additions, and one with nothing changed. The
 * rollout is built directly in the store and in Graph (groups, policies, rows), since a rehearsal
 * at this size does not finish on a loaded machine.
 */
export async function replayDriftChecks(options: {
  members: number;
  log: (line: string) => void;
}): Promise<DriftReplay> {
  return withLargeTenant(options.members, async ({ stack, sim, clock, plan }) => {
    const rolloutId = "drift-bench";
    const { graph, store } = stack;
    const { enforcedGroupId, users } = await createBenchRollout(stack, plan, rolloutId);
    options.log(`  ${users.length} users; replaying ${plan.waves.length} waves of drift checks`);

    let noDrift = true;
    const check = async () => {
      clock.advanceBy(CHECK_EVERY_MS);
      const before = (await sim.counters()).byEndpoint;
      const { value, seconds } = await timed(() =>
        checkDrift(stack, {
          rolloutId,
          waveIndex: 0,
          at: clock.now().toISOString(),
          checkpoint: "health gate",
        }),
      );
      if (value.drift) {
        noDrift = false;
        options.log(`  drift found: ${value.reasons.join("; ")}`);
      }
      return { seconds, requests: difference((await sim.counters()).byEndpoint, before) };
    };
    const waves: ReplayedWave[] = [];
    let lastFullRequests: Record<string, number> = {};
    let lastDeltaRequests: Record<string, number> = {};
    let added = 0;
    for (const [index, wave] of plan.waves.entries()) {
      if (!("share" in wave.select)) throw new Error("the large plan's waves select by share");
      const next = users.slice(added, added + shareSize(wave.select.share, users.length - added));
      await store.counters.deleteWindow(rolloutId, DRIFT_DELTA_WINDOW);
      const full = await check();
      await graph.addMembers(enforcedGroupId, next);
      await store.users.upsertMany(
        rolloutId,
        next.map((userId): UserInput => ({ userId, upn: "", waveIndex: index, stage: "enforced" })),
      );
      // Enforcement counts its wave's users right after moving them (refreshAndAudit), so in the
      // product that activity, not the next drift check, brings the users snapshot up to date.
      await refreshCounts(store, rolloutId);
      const adding = await check();
      const quiet = await check();
      waves.push({
        before: added,
        after: added + next.length,
        full: full.seconds,
        deltaAfterAdding: adding.seconds,
        deltaQuiet: quiet.seconds,
      });
      added += next.length;
      lastFullRequests = full.requests;
      lastDeltaRequests = difference(
        Object.fromEntries(
          Object.keys({ ...adding.requests, ...quiet.requests }).map((k) => [
            k,
            (adding.requests[k] ?? 0) + (quiet.requests[k] ?? 0),
          ]),
        ),
        {},
      );
      options.log(
        `  wave ${index + 1}: ${added} members; full ${full.seconds.toFixed(2)} s, delta ${adding.seconds.toFixed(2)} / ${quiet.seconds.toFixed(2)} s`,
      );
    }
    return { members: users.length, waves, lastFullRequests, lastDeltaRequests, noDrift };
  });
}

if (require.main === module) {
  const members = Number(process.argv[2] ?? 100_000);
  replayDriftChecks({ members, log: console.log }).then(
    (times) => console.log(JSON.stringify(times, null, 1)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
