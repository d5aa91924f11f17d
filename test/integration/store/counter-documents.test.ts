import { freshStore } from "./store-fixture";

/** A body long enough to need several properties and several rows (about 1.5 million characters). */
function bigBody(seed: string): string {
  return JSON.stringify(
    Object.fromEntries(
      Array.from({ length: 30_000 }, (_, i) => [`${seed}-${i}`, [i, i % 7, 0, 0, 1, 0, 0, 0]]),
    ),
  );
}

describe("counters table: window documents", () => {
  it("stores a window far larger than one entity and reads it back exactly", async () => {
    const { store } = await freshStore();
    const body = bigBody("a");
    await store.counters.writeDocument("r1", "w0-observe-control", { meta: { until: "t1" }, body });
    const read = await store.counters.readDocument<{ until: string }>("r1", "w0-observe-control");
    expect(read?.meta).toEqual({ until: "t1" });
    expect(read?.body).toBe(body);
    expect(await store.counters.readDocument("r1", "w1-observe-control")).toBeUndefined();
  });

  it("replaces a document whole and leaves no rows of the old one behind", async () => {
    const { store } = await freshStore();
    const first = await store.counters.writeDocument("r1", "w0-bake-wave", { meta: 1, body: bigBody("old") });
    const second = await store.counters.writeDocument("r1", "w0-bake-wave", { meta: 2, body: "{}" });
    expect(second).not.toBe(first);
    expect(await store.counters.readDocument("r1", "w0-bake-wave")).toEqual({
      meta: 2,
      body: "{}",
      generation: second,
    });
    expect(await store.counters.documentGeneration("r1", "w0-bake-wave")).toBe(second);
    // Only the head row and the one new body row remain in the window's range.
    expect(await store.counters.deleteWindow("r1", "w0-bake-wave")).toBe(2);
    expect(await store.counters.readDocument("r1", "w0-bake-wave")).toBeUndefined();
  });

  it("keeps documents out of the per-user rows of the same window", async () => {
    const { store } = await freshStore();
    await store.counters.upsertMany("r1", "w2", [{ userId: "u1", counters: { s: 1 } }]);
    await store.counters.writeDocument("r1", "w2", { meta: null, body: "[]" });
    const rows: string[] = [];
    for await (const row of store.counters.iterate("r1", "w2")) rows.push(row.userId);
    expect(rows).toEqual(["u1"]);
  });
});
