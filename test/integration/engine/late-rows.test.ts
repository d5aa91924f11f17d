import { loadStoredWindow, windowKey } from "../../../shared/store/counter-windows";
import { readLateTail } from "../../../shared/store/late-tail-state";
import { ATTEMPT_WINDOW, createCounters, isoDurationMs } from "../../../shared/domain";
import { createSignInFold } from "../../../shared/ingest";
import { INVOICING_APP_BROKEN_USERS, rehearseToEnd, seedPlan, type EngineRun } from "./engine-fixture";

// Two whole rollouts: minutes on a shared machine.
jest.setTimeout(900_000);

const HOUR = 3_600_000;
/**
 * Seed plan as shipped (evidence.settle is the default PT30M, far below the rows' 2 to 8 hours),
 * with a one-day watch: the whole log is read again at the end, and the simulator, like Entra,
 * keeps sign-ins only 30 days, which a 30-day watch would take the bakes past.
 */
const plan = seedPlan({ watch: { for: "P1D", checkEvery: "PT12H" } });
const rolloutId = String(plan.rolloutId);

/**
 * A wave's bake window as the reads counted it, against one fold of the whole log over the same
 * stretch, read once every row has long arrived: equal per user when no attempt was counted twice
 * or judged before its late rows came.
 */
async function compareWithWholeLog(
  run: EngineRun,
  waveIndex: number,
): Promise<{ attempts: number; differ: string[] }> {
  const { store, graph } = run.stack;
  const record = await store.rollouts.get(rolloutId);
  const policyId = record.enforcedPolicyId ?? null;
  const counted = await loadStoredWindow(store, rolloutId, windowKey(waveIndex, "bake", "wave"), policyId);
  const coverage = counted.coverage;
  if (!coverage) throw new Error(`wave ${waveIndex} has no bake window`);
  const members = await store.users.slots(rolloutId);
  const whole = createCounters(policyId);
  const fold = createSignInFold(members, [
    { counters: whole, cohort: (user) => user.waveIndex === waveIndex, stretch: coverage },
  ]);
  const overlap = isoDurationMs(ATTEMPT_WINDOW);
  await graph.streamSignIns({
    from: new Date(coverage.from - overlap),
    to: new Date(coverage.until + overlap),
    userIds: undefined,
    narrow: false,
    onPage: fold.addPage,
  });
  fold.finish();
  const differ: string[] = [];
  let attempts = 0;
  const users = new Set([...Object.keys(whole.users), ...Object.keys(counted.counters.users)]);
  for (const user of users) {
    const a = counted.counters.users[user];
    const b = whole.users[user];
    attempts += b?.attempts ?? 0;
    if ((a?.attempts ?? 0) !== (b?.attempts ?? 0) || (a?.failures ?? 0) !== (b?.failures ?? 0))
      differ.push(
        `${user}: counted ${a?.failures ?? 0}/${a?.attempts ?? 0}, whole log ${b?.failures ?? 0}/${b?.attempts ?? 0}`,
      );
  }
  return { attempts, differ };
}

describe("sign-in rows hours late, under the default plan (evidence.settle PT30M)", () => {
  const runs: EngineRun[] = [];
  afterAll(async () => {
    for (const run of runs) await run.stack.stop();
  });

  it("late-rows (a tenth of the rows 2 to 8 hours late): the reads re-read far enough back, count every attempt once with its late rows, and the clean rollout completes", async () => {
    const run = await rehearseToEnd("late-rows", plan, { onStarted: (started) => runs.push(started) });
    const { store } = run.stack;
    const rollout = await store.rollouts.get(rolloutId);
    expect(rollout.status).toBe("completed");
    expect(rollout.counts).toMatchObject({ enforced: 85, heldBack: 0 });
    const gates = await store.gates.list(rolloutId, { limit: 10_000 });
    expect(gates.filter((g) => g.decision === "pause" || g.decision === "shrink")).toEqual([]);

    // The reads found rows up to 8 hours late and re-read that far: settle + attempt window + tail.
    const late = await readLateTail(store, rolloutId);
    expect(late?.tail).toBeGreaterThanOrEqual(
      8 * HOUR - isoDurationMs("PT30M") - isoDurationMs(ATTEMPT_WINDOW),
    );

    // Once the tail has grown (during the pilot's observation), every later bake window holds
    // exactly what the whole log, read at the end, holds: no attempt counted twice, none judged
    // failed whose answer row came hours late.
    for (const waveIndex of [1, 2]) {
      const { attempts, differ } = await compareWithWholeLog(run, waveIndex);
      expect(attempts).toBeGreaterThan(100);
      expect(differ).toEqual([]);
    }
  });

  it("invoicing-app with a tenth of the rows hours late: the same 4 held back, naming the app and iOS, no pause", async () => {
    const run = await rehearseToEnd("invoicing-app", plan, {
      lateRows: 0.1,
      onStarted: (started) => runs.push(started),
    });
    const { store } = run.stack;
    const heldBack = await store.users.list(rolloutId, { stage: "heldBack" });
    expect(heldBack.map((u) => u.upn).sort()).toEqual(INVOICING_APP_BROKEN_USERS);
    for (const user of heldBack) expect(user.reason).toMatch(/^Contoso Invoicing on iOS: .*sign-in attempts/);
    const gates = await store.gates.list(rolloutId, { limit: 10_000 });
    expect(gates.filter((g) => g.decision === "pause")).toEqual([]);
    expect((await store.rollouts.get(rolloutId)).counts.enforced).toBe(81);
  });
});
