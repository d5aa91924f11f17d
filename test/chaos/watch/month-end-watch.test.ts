import { runToEnd, START, startEngine } from "../../integration/engine/engine-fixture";
import { plan, rolloutId, SWEEP_TIMEOUT_MS } from "./seed-sweep";

jest.setTimeout(SWEEP_TIMEOUT_MS);

/** An app nobody opens during the bake is caught by the watch after it (docs/WATCH.md). */
describe("the watch after the bake", () => {
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
