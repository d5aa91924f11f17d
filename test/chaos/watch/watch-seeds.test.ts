import type { GateRecord } from "../../../shared/store";
import {
  INVOICING_APP_BROKEN_USERS,
  rehearseToEnd,
  runToEnd,
  seedPlan,
  START,
  startEngine,
  type EngineRun,
} from "../../integration/engine/engine-fixture";

// Whole rollouts of the seed plan as shipped, with their 30-day watch, seed after seed on the
// realistic logs: minutes, so with the other many-run suites.
jest.setTimeout(1_800_000);

const plan = seedPlan();
const rolloutId = String(plan.rolloutId);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

interface Outcome {
  status: string;
  enforced: number;
  heldBack: { upn: string; reason: string }[];
  gates: GateRecord[];
}

async function rollOut(scenario: string, seed: number): Promise<Outcome> {
  let run: EngineRun | undefined;
  try {
    run = await rehearseToEnd(scenario, plan, { seed, onStarted: (started) => (run = started) });
    const { store } = run.stack;
    const rollout = await store.rollouts.get(rolloutId);
    const heldBack = (await store.users.list(rolloutId, { stage: "heldBack" })).map((u) => ({
      upn: u.upn,
      reason: u.reason ?? "",
    }));
    heldBack.sort((a, b) => a.upn.localeCompare(b.upn));
    const gates = await store.gates.list(rolloutId, { limit: 100_000 });
    return { status: rollout.status, enforced: rollout.counts.enforced, heldBack, gates };
  } finally {
    await run?.stack.stop();
  }
}

const pauses = (gates: GateRecord[]) =>
  gates.filter((g) => g.decision === "pause").map((g) => `wave ${g.waveIndex + 1}: ${g.reasons.join("; ")}`);

/**
 * Everybody abandons a few prompts, each at their own rate, with heavy and light users: the gates
 * must not mistake that noise for a broken rollout, on any seed (docs/SIGN-IN-EVIDENCE.md, "What
 * error rates the defaults give"); and a broken app must be caught whether or not its users happen
 * to use it during their wave's bake (docs/WATCH.md).
 */
describe("whole rollouts with their watch, seed by seed", () => {
  it.each(SEEDS)(
    "invoicing-app seed %i: all 4 users whose Invoicing fails on iOS end held back, nobody else, never a pause",
    async (seed) => {
      const outcome = await rollOut("invoicing-app", seed);
      expect(outcome.status).toBe("completed");
      expect(pauses(outcome.gates)).toEqual([]);
      expect(outcome.heldBack.map((u) => u.upn)).toEqual([...INVOICING_APP_BROKEN_USERS].sort());
      for (const user of outcome.heldBack) expect(user.reason).toMatch(/^Contoso Invoicing on iOS: /);
      expect(outcome.enforced).toBe(85 - INVOICING_APP_BROKEN_USERS.length);
    },
  );

  it.each(SEEDS)(
    "clean seed %i: 85 enforced, nobody held back, no pause, the watch reports nothing",
    async (seed) => {
      const outcome = await rollOut("clean", seed);
      expect({ status: outcome.status, enforced: outcome.enforced, heldBack: outcome.heldBack }).toEqual({
        status: "completed",
        enforced: 85,
        heldBack: [],
      });
      expect(pauses(outcome.gates)).toEqual([]);
      expect(outcome.gates.filter((g) => g.gate === "watch")).toEqual([]);
    },
  );

  it("month-end-app: the pilot users of an app used only from the 22nd are held back by the watch within 12 hours of their first failed attempt", async () => {
    const run = await startEngine("month-end-app", { seed: 1 });
    try {
      const result = await runToEnd(run, plan);
      expect(result.finished).toBe(true);
      const { store, sim } = run.stack;
      const heldBack = await store.users.list(rolloutId, { stage: "heldBack" });
      expect(heldBack.map((u) => u.upn).sort()).toEqual([
        "alex.dubois@contoso.com",
        "carlos.rossi@contoso.com",
        "femi.nakamura@contoso.com",
      ]);
      for (const user of heldBack) expect(user.reason).toMatch(/^Contoso Month-End Close on iOS: /);
      const gates = await store.gates.list(rolloutId, { limit: 100_000 });
      expect(gates.filter((g) => g.decision === "pause")).toEqual([]);
      // Who held each user back, and when: the watch, not the bake (nobody used the app in it).
      const caught = new Map<string, { gate: string; at: number }>();
      for (const gate of gates.filter((g) => g.decision === "shrink")) {
        const outcome = gate.metrics.outcome as { holdBack: { userId: string }[] };
        for (const h of outcome.holdBack)
          caught.set(h.userId, { gate: gate.gate, at: Date.parse(gate.evaluatedAt) });
      }
      // Their first failed attempt, as the tenant logged it: the first Month-End Close row on iOS
      // that was not answered.
      const firstFailure = firstFailedAttempts(
        sim.tenant.signIns({
          from: START,
          to: run.stack.clock.now(),
          userIds: new Set(heldBack.map((u) => u.userId)),
        }),
        "Contoso Month-End Close",
      );
      for (const user of heldBack) {
        const by = caught.get(user.userId);
        expect(by?.gate).toBe("watch");
        const first = firstFailure.get(user.userId);
        expect(first).toBeDefined();
        expect((by?.at ?? Infinity) - (first ?? 0)).toBeLessThanOrEqual(12 * 3_600_000);
        expect(by?.at ?? 0).toBeGreaterThan(first ?? Infinity);
      }
    } finally {
      await run.stack.stop();
    }
  });
});

interface LoggedRow {
  userId?: string | null;
  appDisplayName?: string | null;
  createdDateTime?: string | null;
  correlationId?: string | null;
  status?: { errorCode?: number | null } | null;
}

/** Per user, when their first attempt on the app ended without a success row. */
function firstFailedAttempts(rows: Iterable<LoggedRow>, app: string): Map<string, number> {
  const attempts = new Map<string, { userId: string; at: number; ok: boolean }>();
  for (const row of rows) {
    if (row.appDisplayName !== app || !row.userId || !row.correlationId) continue;
    const at = Date.parse(row.createdDateTime ?? "");
    const attempt = attempts.get(row.correlationId) ?? { userId: row.userId, at, ok: false };
    attempt.at = Math.min(attempt.at, at);
    if (row.status?.errorCode === 0) attempt.ok = true;
    attempts.set(row.correlationId, attempt);
  }
  const first = new Map<string, number>();
  for (const a of attempts.values()) {
    if (a.ok) continue;
    if (!first.has(a.userId) || a.at < (first.get(a.userId) as number)) first.set(a.userId, a.at);
  }
  return first;
}
