import type { SignIn } from "@microsoft/microsoft-graph-types";
import {
  ATTEMPT_WINDOW,
  checkHealth,
  createCounters,
  DEFAULT_GATES,
  isoDurationMs,
  MFA_FAILURE_CODES,
  type HealthCheck,
  type SignInCounters,
} from "../../../../../shared/domain";
import { createSignInFold } from "../../../../../shared/ingest";
import { emptyTally } from "../../../../../shared/domain/signins/user-tally";
import { at, collect, GROUPS, startRollout } from "../../../local/graph-sim/tenant/rollout-fixture";

/**
 * The health gate on the simulator's realistic log (prompt rows answered under one correlation id,
 * everyday abandoned prompts and declined pushes, rows arriving late): the IT pilot of `clean`
 * enforced on day 4 at 08:00 after three days of report-only, then looked at every 6 hours of a
 * 7-day bake, each look reading the log up to the look minus the default settle, as the engine
 * does (collect-sign-ins.ts), through the production gate (checkHealth).
 */
const SETTLE = isoDurationMs("PT30M");
const W = isoDurationMs(ATTEMPT_WINDOW);
const LOOK = 6 * 3_600_000;

interface Bake {
  looks: HealthCheck[];
  /** The rows of the bake, for the old counting. */
  rows: SignIn[];
  baselineRows: SignIn[];
  wave: string[];
  control: string[];
}

function bake(seed: number): Bake {
  const rollout = startRollout("clean", seed, 1);
  const { tenant, clock } = rollout;
  const wave = tenant.listMemberIds(GROUPS.itPilot).map((id) => id.toLowerCase());
  const others = new Set(tenant.listMemberIds(GROUPS.allStaff).map((id) => id.toLowerCase()));
  const breakGlass = new Set(tenant.listMemberIds(GROUPS.emergencyAccess).map((id) => id.toLowerCase()));
  const control = [...others].filter((id) => !wave.includes(id) && !breakGlass.has(id));
  const observeFrom = at(1).getTime();
  const enforcedAt = at(4, 8).getTime();
  clock.advanceTo(new Date(enforcedAt));
  tenant.addMembers(rollout.enforcedGroupId, wave);
  const population = new Map([...wave, ...control].map((id) => [id, id]));
  const count = (stretch: { from: number; until: number }, rows: SignIn[]) => {
    const wanted = { wave: createCounters(null), control: createCounters(null) };
    const fold = createSignInFold(population, [
      { counters: wanted.wave, cohort: (id) => wave.includes(id), stretch },
      { counters: wanted.control, cohort: (id) => !wave.includes(id), stretch },
    ]);
    fold.addPage(rows);
    fold.finish();
    return wanted;
  };
  const looks: HealthCheck[] = [];
  let rows: SignIn[] = [];
  // Read once, at the first look (as the engine reads an observe window once).
  let baselineRows: SignIn[] = [];
  let baseline: ReturnType<typeof count> | undefined;
  for (let look = enforcedAt + LOOK; look <= enforcedAt + 7 * 86_400_000; look += LOOK) {
    clock.advanceTo(new Date(look));
    const readTo = look - SETTLE;
    if (!baseline) {
      baselineRows = collect(tenant, new Date(observeFrom - W), new Date(enforcedAt));
      baseline = count({ from: observeFrom, until: enforcedAt - W }, baselineRows);
    }
    rows = collect(tenant, new Date(enforcedAt - W), new Date(readTo));
    const current = count({ from: enforcedAt, until: readTo - W }, rows);
    looks.push(
      checkHealth({
        waveUserIds: wave,
        current: current.wave,
        baseline: baseline.wave,
        control: { current: current.control, baseline: baseline.control },
        gates: DEFAULT_GATES,
        state: {
          bakeComplete: look + LOOK > enforcedAt + 7 * 86_400_000,
          extensions: 0,
          waveSize: wave.length,
          heldBack: 0,
        },
      }),
    );
  }
  return { looks, rows, baselineRows, wave, control };
}

/** What the gates counted before attempts: every row on its own, every MFA code a failure. */
function rowsTheOldWay(rows: SignIn[], users: string[]): SignInCounters {
  const counters = createCounters(null);
  const codes = new Set(MFA_FAILURE_CODES);
  for (const row of rows) {
    const id = row.userId?.toLowerCase();
    if (!id || !users.includes(id)) continue;
    const tally = (counters.users[id] ??= emptyTally());
    const key = `${row.appDisplayName} | ${row.clientAppUsed} | ${row.deviceDetail?.operatingSystem}`;
    const cell = (tally.byCluster[key] ??= [0, 0]);
    tally.attempts += 1;
    cell[0] += 1;
    if (codes.has(row.status?.errorCode ?? 0)) {
      tally.failures += 1;
      cell[1] += 1;
    }
  }
  return counters;
}

describe("the health gate on realistic sign-in logs (clean tenant, 28 looks over a 7-day bake)", () => {
  const bakes = new Map<number, Bake>();
  const bakeOf = (seed: number) => bakes.get(seed) ?? bakes.set(seed, bake(seed)).get(seed)!;

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i: never pauses, holds nobody back, passes at the end", (seed) => {
    const { looks } = bakeOf(seed);
    expect(looks).toHaveLength(28);
    const acted = looks.filter((l) => l.decision.decision === "pause" || l.decision.decision === "shrink");
    expect(acted.map((l) => l.decision.reason)).toEqual([]);
    expect(looks.at(-1)?.health.verdict).toBe("Pass");
    expect(looks.at(-1)?.decision.decision).toBe("proceed");
  });

  it("counting rows instead of attempts on the same log fails the healthy wave", () => {
    const { rows, baselineRows, wave, looks } = bakeOf(1);
    const prompts = rows.filter((r) => r.status?.errorCode === 50074 || r.status?.errorCode === 50076);
    const answered = prompts.filter((p) =>
      rows.some((r) => r.correlationId === p.correlationId && r.status?.errorCode === 0),
    );
    // The log is Entra's shape: most prompts are answered by a success under the same correlation.
    expect(answered.length).toBeGreaterThan(prompts.length / 2);
    const old = checkHealth({
      waveUserIds: wave,
      current: rowsTheOldWay(rows, wave),
      baseline: rowsTheOldWay(baselineRows, wave),
      gates: DEFAULT_GATES,
      state: { bakeComplete: true, extensions: 0, waveSize: wave.length, heldBack: 0 },
    });
    expect(old.health.verdict).toBe("Fail");
    expect(["pause", "shrink"]).toContain(old.decision.decision);
    expect(looks.at(-1)?.decision.decision).toBe("proceed");
  });
});
