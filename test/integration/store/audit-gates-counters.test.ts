import { EntityTooLargeError } from "../../../shared/store";
import { freshStore } from "./store-fixture";

describe("audit table", () => {
  it("appends entries that read back in time order", async () => {
    const { store, clock } = await freshStore();
    await store.audit.append("r1", { actor: "admin@contoso.test", action: "start", details: { waves: 4 } });
    clock.advanceBy(1000);
    await store.audit.append("r1", { actor: "system:advance-waves", action: "advance", waveIndex: 1 });
    await store.audit.append("r2", { actor: "admin@contoso.test", action: "start" });

    const log = await store.audit.list("r1");
    expect(log.map((e) => [e.action, e.actor, e.at])).toEqual([
      ["start", "admin@contoso.test", "2026-03-02T08:00:00.000Z"],
      ["advance", "system:advance-waves", "2026-03-02T08:00:01.000Z"],
    ]);
    expect(log[0]?.details).toEqual({ waves: 4 });
    expect(log[1]?.waveIndex).toBe(1);
  });

  it("writes an entry once per idempotency key, even when the retry has a later time", async () => {
    const { store, clock } = await freshStore();
    const input = {
      actor: "system:enforce",
      action: "enforce",
      waveIndex: 2,
      idempotencyKey: "wave-2-enforce",
    };
    const first = await store.audit.append("r1", input);
    clock.advanceBy(5000);
    const retry = await store.audit.append("r1", input);

    expect(first.created).toBe(true);
    expect(retry.created).toBe(false);
    expect(retry.entry.rowKey).toBe(first.entry.rowKey);
    const log = await store.audit.list("r1");
    expect(log).toHaveLength(1);
    expect(log[0]?.rowKey).toBe("2026-03-02T08:00:00.000Z-wave-2-enforce");

    // The same key in another rollout is another entry.
    expect((await store.audit.append("r2", input)).created).toBe(true);
  });

  it("lists entries from a given time on", async () => {
    const { store, clock } = await freshStore();
    await store.audit.append("r1", { actor: "a@x", action: "one" });
    clock.advanceBy(60_000);
    await store.audit.append("r1", { actor: "a@x", action: "two", idempotencyKey: "k2" });
    const since = await store.audit.list("r1", { since: "2026-03-02T08:00:30Z" });
    expect(since.map((e) => e.action)).toEqual(["two"]);
  });

  it("refuses entries without a usable actor or action", async () => {
    const { store } = await freshStore();
    await expect(store.audit.append("r1", { actor: "", action: "pause" })).rejects.toThrow(/actor/);
    await expect(store.audit.append("r1", { actor: "two words", action: "pause" })).rejects.toThrow(/actor/);
    await expect(store.audit.append("r1", { actor: "a@x", action: "" })).rejects.toThrow(/action/);
    expect(await store.audit.list("r1")).toEqual([]);
  });

  it("refuses details too large for one property", async () => {
    const { store } = await freshStore();
    const attempt = store.audit.append("r1", { actor: "a@x", action: "big", details: "z".repeat(40_000) });
    await expect(attempt).rejects.toBeInstanceOf(EntityTooLargeError);
    await expect(attempt).rejects.toThrow(/property 'details'/);
    expect(await store.audit.list("r1")).toEqual([]);
  });
});

describe("waves and gates tables", () => {
  it("writes waves idempotently and lists them in numeric order", async () => {
    const { store } = await freshStore();
    for (const index of [10, 2, 0]) {
      await store.waves.put({
        rolloutId: "r1",
        index,
        name: `wave ${index}`,
        phase: "pending",
        planned: 100,
      });
    }
    await store.waves.put({ rolloutId: "r1", index: 2, name: "wave 2", phase: "observe", planned: 100 });
    const waves = await store.waves.list("r1");
    expect(waves.map((w) => [w.index, w.phase])).toEqual([
      [0, "pending"],
      [2, "observe"],
      [10, "pending"],
    ]);

    const updated = await store.waves.update("r1", 2, (wave) => ({
      extensions: wave.extensions + 1,
      lastDecision: { decision: "extend", at: "2026-03-03T08:00:00.000Z", reason: "too few sign-ins" },
    }));
    expect(updated.extensions).toBe(1);
    expect((await store.waves.get("r1", 2)).lastDecision).toEqual({
      decision: "extend",
      at: "2026-03-03T08:00:00.000Z",
      reason: "too few sign-ins",
    });
  });

  it("records gate evaluations with readable metric columns, once per evaluation", async () => {
    const { store } = await freshStore();
    const gate = {
      rolloutId: "r1",
      waveIndex: 1,
      gate: "health",
      evaluatedAt: "2026-03-04T10:00:00Z",
      verdict: "Fail" as const,
      decision: "shrink" as const,
      reasons: ["failures cluster on app Contoso Mobile"],
      metrics: { wave: { samples: 812, failureRate: 0.031 }, control: { samples: 640, failureRate: 0.004 } },
    };
    await store.gates.record(gate);
    await store.gates.record(gate); // an activity retry
    await store.gates.record({ ...gate, waveIndex: 0, evaluatedAt: "2026-03-05T10:00:00Z", verdict: "Pass" });

    const wave1 = await store.gates.list("r1", { waveIndex: 1 });
    expect(wave1).toHaveLength(1);
    expect(wave1[0]).toMatchObject({ verdict: "Fail", decision: "shrink", metrics: gate.metrics });
    expect((await store.gates.latest("r1", 0, "health"))?.verdict).toBe("Pass");
  });
});

describe("counters table", () => {
  it("bulk upserts per-user counters and reads back exactly one window", async () => {
    const { store } = await freshStore();
    const entries = Array.from({ length: 150 }, (_, i) => ({
      userId: `u${i}`,
      counters: { s: i, f: i % 7 },
    }));
    expect(await store.counters.upsertMany("r1", "w1", entries)).toBe(150);
    await store.counters.upsertMany("r1", "w10", [{ userId: "u1", counters: { s: 99, f: 0 } }]);

    const window: { userId: string; counters: { s: number; f: number } }[] = [];
    for await (const row of store.counters.iterate<{ s: number; f: number }>("r1", "w1")) window.push(row);
    expect(window).toHaveLength(150);
    expect(window.find((row) => row.userId === "u7")?.counters).toEqual({ s: 7, f: 0 });
    expect((await store.counters.find("r1", "w10", "u1"))?.counters).toEqual({ s: 99, f: 0 });
  });

  it("deletes one window's counters and leaves other windows alone", async () => {
    const { store } = await freshStore();
    const entries = Array.from({ length: 130 }, (_, i) => ({ userId: `u${i}`, counters: { s: i } }));
    await store.counters.upsertMany("r1", "w1", entries);
    await store.counters.upsertMany("r1", "w2", entries.slice(0, 3));

    expect(await store.counters.deleteWindow("r1", "w1")).toBe(130);
    expect(await store.counters.deleteWindow("r1", "w1")).toBe(0); // a retried cleanup is harmless
    const left: string[] = [];
    for await (const row of store.counters.iterate("r1", "w1")) left.push(row.userId);
    expect(left).toEqual([]);
    expect(await store.counters.find("r1", "w2", "u2")).toBeDefined();
  });
});
