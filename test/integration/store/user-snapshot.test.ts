import { TableClient } from "@azure/data-tables";
import type { UserInput, UserStage } from "../../../shared/store";
import { freshStore, twoWorkers } from "./store-fixture";

function users(count: number, stage: UserStage, waveIndex = 0): UserInput[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    upn: "",
    waveIndex: i % 2 === 0 ? waveIndex : waveIndex + 1,
    stage,
  }));
}

/** Counts the users rows queries return (not the snapshot document's rows, which sit elsewhere). */
function userRowsRead(): { count: () => number; filters: string[]; restore: () => void } {
  const original = TableClient.prototype.listEntities;
  let rows = 0;
  const filters: string[] = [];
  const spy = jest.spyOn(TableClient.prototype, "listEntities").mockImplementation(function (
    this: TableClient,
    options,
  ) {
    const entities = original.call(this, options);
    const filter = String(options?.queryOptions?.filter);
    if (!filter.startsWith("PartitionKey ge")) return entities;
    filters.push(filter);
    const byPage = entities.byPage.bind(entities);
    entities.byPage = (settings) => {
      const pages = byPage(settings);
      return (async function* () {
        for await (const page of pages) {
          rows += page.length;
          yield page;
        }
      })() as ReturnType<typeof byPage>;
    };
    return entities;
  });
  return { count: () => rows, filters, restore: () => spy.mockRestore() };
}

/** Past the few seconds a snapshot is reused without a look at the change token. */
function later(seconds: number): jest.SpyInstance {
  const now = Date.now();
  return jest.spyOn(Date, "now").mockReturnValue(now + seconds * 1000);
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
    const { mine, theirs } = await twoWorkers();
    const population = users(40, "reportOnly");
    await mine.users.upsertMany("r1", population);
    expect(await mine.users.countByStage("r1")).toMatchObject({ reportOnly: 40 });

    await theirs.users.upsertMany(
      "r1",
      population.slice(0, 10).map((u) => ({ ...u, stage: "enforced" as const })),
    );
    const clockMoved = later(5);
    try {
      expect(await mine.users.countByStage("r1")).toMatchObject({ reportOnly: 30, enforced: 10 });
    } finally {
      clockMoved.mockRestore();
    }
  });

  it("refreshes from its own copy while the stored snapshot is unchanged, and from the stored one once another worker replaced it", async () => {
    const { mine, theirs } = await twoWorkers();
    const population = users(60, "reportOnly");
    await mine.users.upsertMany("r1", population);
    const first = await mine.users.slots("r1");
    const queries = jest.spyOn(TableClient.prototype, "listEntities");
    const clockMoved = later(5);
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
      clockMoved.mockReturnValue(Date.now() + 10_000);
      expect(await mine.users.countByStage("r1")).toMatchObject({
        reportOnly: 35,
        enforced: 10,
        heldBack: 15,
      });
    } finally {
      clockMoved.mockRestore();
      queries.mockRestore();
    }
  });

  it("hands out the map it had after a refresh that found nothing changed, and a new one after a change", async () => {
    const { mine, theirs } = await twoWorkers();
    const population = users(20, "reportOnly");
    await mine.users.upsertMany("r1", population);
    const first = await mine.users.slots("r1");
    // Another worker rewrites rows as they are: the token changes, the stages do not.
    await theirs.users.upsertMany("r1", population.slice(0, 5));
    const unchanged = await mine.users.slots("r1", { fresh: true });
    await theirs.users.upsertMany("r1", [{ ...(population[0] as UserInput), stage: "enforced" }]);
    const changed = await mine.users.slots("r1", { fresh: true });

    expect(unchanged).toBe(first);
    expect(changed).not.toBe(first);
    expect(changed.get(population[0]?.userId as string)?.stage).toBe("enforced");
    expect(first.get(population[0]?.userId as string)?.stage).toBe("reportOnly");
  });

  it("does not read back its own writes: a rollout's first write and a wave's move are counted from what was written", async () => {
    const { store } = await freshStore();
    const population = users(300, "reportOnly");
    const read = userRowsRead();
    try {
      await store.users.upsertMany("r1", population);
      expect(await store.users.countByStage("r1")).toMatchObject({ reportOnly: 300 });
      const wave0 = (await store.users.list("r1", { waveIndex: 0 })).slice(0, 100);
      const listed = read.count();
      await store.users.moveMany(
        "r1",
        wave0.map((from) => ({ from, to: { ...from, stage: "enforced" as const } })),
      );
      await store.users.upsert("r1", {
        ...(population[1] as UserInput),
        stage: "heldBack",
        reason: "no method",
      });
      expect(await store.users.countByStage("r1")).toMatchObject({
        reportOnly: 199,
        enforced: 100,
        heldBack: 1,
      });
      expect(await store.users.countByStage("r1", { waveIndex: 0 })).toMatchObject({
        reportOnly: 50,
        enforced: 100,
      });
      // Only the wave listing read users rows; the counts read none.
      expect(listed).toBe(150);
      expect(read.count()).toBe(listed);
    } finally {
      read.restore();
    }
  });

  it("reads another worker's write of rows it wrote itself, and only those rows", async () => {
    const { mine, theirs } = await twoWorkers();
    const population = users(40, "reportOnly");
    await mine.users.upsertMany("r1", population);
    expect(await mine.users.countByStage("r1")).toMatchObject({ reportOnly: 40 });
    await theirs.users.upsertMany(
      "r1",
      population.slice(0, 10).map((u) => ({ ...u, stage: "enforced" as const })),
    );
    const read = userRowsRead();
    const clockMoved = later(5);
    try {
      expect(await mine.users.countByStage("r1")).toMatchObject({ reportOnly: 30, enforced: 10 });
      expect(read.count()).toBe(10);
    } finally {
      clockMoved.mockRestore();
      read.restore();
    }
  });

  it("agrees with the rows after two writes of the same users ran at once, and after a write that failed part way", async () => {
    const { store } = await freshStore();
    const population = users(300, "reportOnly");
    await store.users.upsertMany("r1", population);
    await store.users.countByStage("r1");
    const rowsSay = async () => {
      const counts: Record<string, number> = {};
      for await (const user of store.users.iterate("r1")) counts[user.stage] = (counts[user.stage] ?? 0) + 1;
      return counts;
    };

    // Which of the two lands last on the shared users is not known; the counts must say which did.
    await Promise.all([
      store.users.upsertMany(
        "r1",
        population.slice(0, 200).map((u) => ({ ...u, stage: "enforced" as const })),
      ),
      store.users.upsertMany(
        "r1",
        population.slice(100, 300).map((u) => ({ ...u, stage: "heldBack" as const, reason: "no method" })),
      ),
    ]);
    expect(await store.users.countByStage("r1")).toMatchObject(await rowsSay());

    const transactions = jest.spyOn(TableClient.prototype, "submitTransaction");
    const original = transactions.getMockImplementation() ?? TableClient.prototype.submitTransaction;
    let calls = 0;
    transactions.mockImplementation(function (this: TableClient, actions) {
      calls += 1;
      if (calls === 3) return Promise.reject(new Error("connection reset"));
      return (original as typeof TableClient.prototype.submitTransaction).call(this, actions);
    });
    try {
      await expect(
        store.users.upsertMany(
          "r1",
          population.map((u) => ({ ...u, stage: "excluded" as const, reason: "travel" })),
        ),
      ).rejects.toThrow();
    } finally {
      transactions.mockRestore();
    }
    const counts = await store.users.countByStage("r1");
    const truth = await rowsSay();
    expect(truth.excluded).toBeGreaterThan(0);
    expect(truth.excluded).toBeLessThan(300);
    expect(counts).toMatchObject(truth);
  });

  it("keeps a refresh's filter within Table Storage's 15 comparisons however many writes it leaves out", async () => {
    const { store } = await freshStore();
    const population = users(30, "reportOnly");
    await store.users.upsertMany("r1", population);
    for (const user of population.slice(0, 12)) {
      await store.users.upsert("r1", { ...user, stage: "excluded", reason: "travel" });
    }
    const read = userRowsRead();
    try {
      expect(await store.users.countByStage("r1")).toMatchObject({ reportOnly: 18, excluded: 12 });
      expect(read.filters).toHaveLength(1);
      const comparisons = (read.filters[0] as string).match(/ (eq|ne|ge|gt|le|lt) /g) ?? [];
      expect(comparisons.length).toBeLessThanOrEqual(15);
      // The bulk write is left out (the one worth it), and some single writes are read back.
      expect(read.count()).toBeGreaterThan(0);
      expect(read.count()).toBeLessThan(12);
    } finally {
      read.restore();
    }
  });
});
