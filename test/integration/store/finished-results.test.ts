import { TableClient } from "@azure/data-tables";
import { storeFinishedResults } from "../../../shared/store";
import { azuriteConnectionString } from "../azurite-env";
import { freshStore, twoWorkers } from "./store-fixture";

async function partitionsOf(counterTable: string): Promise<Map<string, string[]>> {
  const raw = TableClient.fromConnectionString(azuriteConnectionString(), counterTable, {
    allowInsecureConnection: true,
  });
  const byPartition = new Map<string, string[]>();
  for await (const row of raw.listEntities()) {
    const rows = byPartition.get(row.partitionKey ?? "") ?? [];
    rows.push(row.rowKey ?? "");
    byPartition.set(row.partitionKey ?? "", rows);
  }
  return byPartition;
}

describe("remembered results", () => {
  it("are found again by another worker, per rollout", async () => {
    const { mine, theirs } = await twoWorkers();
    await storeFinishedResults(mine.counters, "r1").save("preflight|r1", { ok: true, problems: [] });
    expect(await storeFinishedResults(theirs.counters, "r1").find("preflight|r1")).toEqual({
      ok: true,
      problems: [],
    });
    expect(await storeFinishedResults(theirs.counters, "r1").find("setup|r1")).toBeUndefined();
    expect(await storeFinishedResults(theirs.counters, "r2").find("preflight|r1")).toBeUndefined();
  });

  it("are kept in the rollout's own partition, so they go wherever its partition goes", async () => {
    const { store } = await freshStore();
    const checks = storeFinishedResults(store.counters, "r1");
    await checks.save("drift|r1|0|bake|2026-03-02T09:00:00.000Z", { drifted: false });
    await checks.save("drift|r1|0|bake|2026-03-02T15:00:00.000Z", { drifted: true });
    const partitions = await partitionsOf(store.tableNames.counters);
    expect([...partitions.keys()]).toEqual(["r1"]);
    expect(partitions.get("r1")).toHaveLength(2);
  });

  it("written by a version that kept them apart are still found, a rollout's own row first", async () => {
    const { store } = await freshStore();
    // What the earlier version wrote: the key's row in a partition of its own.
    await store.counters.upsertMany("~finished-work", "result", [
      { userId: encodeURIComponent("setup|r1"), counters: { result: JSON.stringify({ waveCount: 3 }) } },
      { userId: encodeURIComponent("preflight|r1"), counters: { result: JSON.stringify({ ok: false }) } },
    ]);
    const results = storeFinishedResults(store.counters, "r1");
    expect(await results.find("setup|r1")).toEqual({ waveCount: 3 });
    await results.save("preflight|r1", { ok: true });
    expect(await results.find("preflight|r1")).toEqual({ ok: true });
  });
});
