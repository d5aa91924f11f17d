import { TableClient } from "@azure/data-tables";
import { createStatusStore, type UserInput, type UserStage } from "../../../shared/store";
import { azuriteConnectionString } from "../azurite-env";
import { freshStore } from "./store-fixture";

function users(count: number, stage: UserStage, waveIndex = 0): UserInput[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    upn: "",
    waveIndex: i % 2 === 0 ? waveIndex : waveIndex + 1,
    stage,
  }));
}

describe("users table: stage snapshot", () => {
  it("counts follow every later write, including writes at the same virtual instant", async () => {
    const { store } = await freshStore();
    const population = users(300, "reportOnly");
    await store.users.upsertMany("r1", population);
    expect(await store.users.countByStage("r1")).toMatchObject({ reportOnly: 300, enforced: 0 });

    // The clock does not move: the change must still be seen.
    const wave0 = population.filter((u) => u.waveIndex === 0);
    await store.users.upsertMany(
      "r1",
      wave0.map((u) => ({ ...u, stage: "enforced" as const })),
    );
    expect(await store.users.countByStage("r1")).toMatchObject({ reportOnly: 150, enforced: 150 });
    expect(await store.users.countByStage("r1", { waveIndex: 1 })).toMatchObject({
      reportOnly: 150,
      enforced: 0,
    });

    await store.users.upsert("r1", { ...(wave0[0] as UserInput), stage: "heldBack", reason: "no method" });
    const slots = await store.users.slots("r1");
    expect(slots.get(wave0[0]?.userId as string)).toEqual({ waveIndex: 0, stage: "heldBack" });
    expect(await store.users.countByStage("r1", { waveIndex: 0 })).toMatchObject({
      enforced: 149,
      heldBack: 1,
    });
  });

  it("stays out of user queries, and each rollout has its own", async () => {
    const { store } = await freshStore();
    await store.users.upsertMany("r1", users(20, "reportOnly"));
    await store.users.upsertMany("r10", users(5, "pending"));
    await store.users.countByStage("r1");
    await store.users.countByStage("r10");
    const listed = await store.users.list("r1");
    expect(listed).toHaveLength(20);
    expect(await store.users.countByStage("r10")).toMatchObject({ pending: 5, reportOnly: 0 });
  });

  it("sees another worker's write at the next count, once the write is announced", async () => {
    const { store: mine, clock, prefix } = await freshStore();
    const theirs = await createStatusStore({
      connectionString: azuriteConnectionString(),
      tablePrefix: prefix,
      clock,
    });
    const population = users(40, "reportOnly");
    await mine.users.upsertMany("r1", population);
    expect(await mine.users.countByStage("r1")).toMatchObject({ reportOnly: 40 });

    await theirs.users.upsertMany(
      "r1",
      population.slice(0, 10).map((u) => ({ ...u, stage: "enforced" as const })),
    );
    // Past the few seconds a snapshot is reused without a look at the change token.
    const now = Date.now();
    const later = jest.spyOn(Date, "now").mockReturnValue(now + 5_000);
    try {
      expect(await mine.users.countByStage("r1")).toMatchObject({ reportOnly: 30, enforced: 10 });
    } finally {
      later.mockRestore();
    }
  });

  it("refreshes from its own copy while the stored snapshot is unchanged, and from the stored one once another worker replaced it", async () => {
    const { store: mine, clock, prefix } = await freshStore();
    const theirs = await createStatusStore({
      connectionString: azuriteConnectionString(),
      tablePrefix: prefix,
      clock,
    });
    const population = users(60, "reportOnly");
    await mine.users.upsertMany("r1", population);
    const first = await mine.users.slots("r1");
    const queries = jest.spyOn(TableClient.prototype, "listEntities");
    const later = jest.spyOn(Date, "now").mockReturnValue(Date.now() + 5_000);
    try {
      await mine.users.upsertMany(
        "r1",
        population.slice(0, 10).map((u) => ({ ...u, stage: "enforced" as const })),
      );
      expect(await mine.users.countByStage("r1")).toMatchObject({ reportOnly: 50, enforced: 10 });
      const filters = queries.mock.calls.map(([options]) => String(options?.queryOptions?.filter));
      // Only the rows stamped since: the stored document's body rows were not read again.
      expect(filters).toHaveLength(1);
      expect(filters[0]).toContain("Timestamp ge");
      // What an earlier caller was handed does not change under it.
      expect(first.get(population[0]?.userId as string)?.stage).toBe("reportOnly");

      // Another worker moves users and stores a snapshot of its own.
      await theirs.users.upsertMany(
        "r1",
        population.slice(10, 25).map((u) => ({ ...u, stage: "heldBack" as const, reason: "no method" })),
      );
      expect(await theirs.users.countByStage("r1")).toMatchObject({ reportOnly: 35, heldBack: 15 });
      later.mockReturnValue(Date.now() + 10_000);
      expect(await mine.users.countByStage("r1")).toMatchObject({
        reportOnly: 35,
        enforced: 10,
        heldBack: 15,
      });
    } finally {
      later.mockRestore();
      queries.mockRestore();
    }
  });
});
