/**
 * The collect-sign-ins activity's use case alone (shared/app/collect-sign-ins.ts) against the
 * simulator's `large` tenant: what one read of a day of the log makes this process hold
 * (held-memory.ts). The read is the first wave's observation, so its control cohort (every
 * pending user of the later waves) covers all the population but the first wave: the most
 * counters a read folds into. Also `npx ts-node --transpile-only bench/collect-memory.ts [users]`.
 */
import { collectSignIns } from "../shared/app/collect-sign-ins";
import { shareSize } from "../shared/domain";
import type { UserInput } from "../shared/store";
import { createBenchRollout } from "./bench-rollout";
import { measureHeld, type HeldMemory } from "./held-memory";
import { withLargeTenant } from "./large-tenant";
import { printResultAndExit } from "./print-result";

/** A day of the log counted, plus the plan's settle (30 min) and the attempt overlap read before it. */
const READ_HOURS = 25;

export interface CollectMemory extends HeldMemory {
  users: number;
  rows: number;
  signIns: number;
  pages: number;
  hours: number;
}

export function measureCollectSignInsMemory(
  users: number,
  log: (line: string) => void,
): Promise<CollectMemory> {
  return withLargeTenant(users, async ({ stack, clock, plan }) => {
    const rolloutId = "collect-bench";
    const since = clock.now().toISOString();
    const rollout = await createBenchRollout(stack, plan, rolloutId, since);
    // Wave by wave as the plan's shares place them; only the first wave is in report-only.
    const rows: UserInput[] = [];
    for (const [waveIndex, wave] of plan.waves.entries()) {
      if (!("share" in wave.select)) throw new Error("the large plan's waves select by share");
      const left = rollout.users.length - rows.length;
      for (const userId of rollout.users.slice(
        rows.length,
        rows.length + shareSize(wave.select.share, left),
      )) {
        rows.push({ userId, upn: "", waveIndex, stage: waveIndex === 0 ? "reportOnly" : "pending" });
      }
    }
    await stack.store.users.upsertMany(rolloutId, rows);
    log(`  ${rows.length} users rows; reading ${READ_HOURS} h of sign-ins for wave 1's observation`);
    clock.advanceBy(READ_HOURS * 3_600_000);
    const { value, memory } = await measureHeld(() =>
      collectSignIns(stack, {
        rolloutId,
        waveIndex: 0,
        purpose: "observe",
        from: since,
        to: clock.now().toISOString(),
      }),
    );
    return {
      users,
      rows: rows.length,
      signIns: value.signIns,
      pages: value.pages,
      hours: READ_HOURS,
      ...memory,
    };
  });
}

if (require.main === module)
  printResultAndExit(measureCollectSignInsMemory(Number(process.argv[2] ?? 100_000), console.log));
