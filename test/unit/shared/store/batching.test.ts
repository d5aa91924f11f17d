import { dedupeByKey, jsonBytes, runLimited, toBatches } from "../../../../shared/store/batching";

const entity = (partitionKey: string, rowKey: string, extra: Record<string, unknown> = {}) => ({
  partitionKey,
  rowKey,
  ...extra,
});

describe("toBatches", () => {
  it("splits 250 rows of one partition into 100 + 100 + 50", () => {
    const rows = Array.from({ length: 250 }, (_, i) => entity("r1", `u${i}`));
    expect(toBatches(rows).map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it("never mixes partitions in one batch", () => {
    const rows = [entity("a", "1"), entity("b", "1"), entity("a", "2"), entity("b", "2"), entity("c", "1")];
    const batches = toBatches(rows);
    expect(batches.map((b) => b.map((e) => `${e.partitionKey}${e.rowKey}`))).toEqual([
      ["a1", "a2"],
      ["b1", "b2"],
      ["c1"],
    ]);
  });

  it("starts a new batch before the payload limit is crossed", () => {
    const rows = Array.from({ length: 10 }, (_, i) => entity("r1", `u${i}`));
    const batches = toBatches(rows, { maxBytes: 300, sizeOf: () => 100 });
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
  });

  it("still sends an entity larger than the payload limit, alone", () => {
    const rows = [entity("r1", "a"), entity("r1", "big"), entity("r1", "c")];
    const sizes: Record<string, number> = { a: 10, big: 1000, c: 10 };
    const batches = toBatches(rows, { maxBytes: 100, sizeOf: (e) => sizes[e.rowKey] ?? 0 });
    expect(batches.map((b) => b.map((e) => e.rowKey))).toEqual([["a"], ["big"], ["c"]]);
  });

  it("keeps the size estimate of real rows under the 4 MiB transaction limit", () => {
    const rows = Array.from({ length: 100 }, (_, i) => entity("r1", `u${i}`, { blob: "x".repeat(60_000) }));
    for (const batch of toBatches(rows)) {
      expect(batch.reduce((sum, e) => sum + jsonBytes(e), 0)).toBeLessThan(4 * 1024 * 1024);
    }
    expect(toBatches(rows).length).toBeGreaterThan(1);
  });

  it("returns nothing for nothing", () => {
    expect(toBatches([])).toEqual([]);
  });
});

describe("dedupeByKey", () => {
  it("keeps the last write of a repeated key, at the first key's position", () => {
    const rows = [entity("r", "a", { v: 1 }), entity("r", "b", { v: 2 }), entity("r", "a", { v: 3 })];
    expect(dedupeByKey(rows)).toEqual([entity("r", "a", { v: 3 }), entity("r", "b", { v: 2 })]);
  });

  it("treats the same RowKey in different partitions as different entities", () => {
    expect(dedupeByKey([entity("p1", "a"), entity("p2", "a")])).toHaveLength(2);
  });
});

describe("runLimited", () => {
  it("never runs more tasks at once than the limit and runs every task", async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await runLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(n);
      inFlight -= 1;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("rejects with the first failure and starts no new task after it", async () => {
    const started: number[] = [];
    const run = runLimited([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error("boom");
    });
    await expect(run).rejects.toThrow("boom");
    expect(started).toEqual([1, 2]);
  });
});
