import { TableServiceClient } from "@azure/data-tables";
import {
  AlreadyExistsError,
  ConcurrencyError,
  createStatusStore,
  EntityTooLargeError,
  NotFoundError,
  TABLE_KINDS,
} from "../../../shared/store";
import { azuriteConnectionString } from "../azurite-env";
import { freshStore } from "./store-fixture";

const newRollout = (id: string, plan: unknown = { waves: [{ name: "pilot", size: 50 }] }) => ({
  id,
  plan,
  createdBy: "admin@contoso.test",
  enforcedGroupId: "g-enf",
  excludedGroupId: "g-exc",
});

describe("status tables", () => {
  it("creates every table, and creating them again is harmless", async () => {
    const { store, prefix } = await freshStore();
    await store.ensureTables();
    const again = await createStatusStore({
      connectionString: azuriteConnectionString(),
      tablePrefix: prefix,
    });
    await again.ensureTables();

    const service = TableServiceClient.fromConnectionString(azuriteConnectionString(), {
      allowInsecureConnection: true,
    });
    const names: string[] = [];
    for await (const table of service.listTables()) {
      if (table.name?.startsWith(prefix)) names.push(table.name);
    }
    expect(names.sort()).toEqual(TABLE_KINDS.map((kind) => `${prefix}${kind}`).sort());
  });
});

describe("rollouts table", () => {
  it("creates a rollout once and refuses the same id again", async () => {
    const { store } = await freshStore();
    const created = await store.rollouts.create(newRollout("r1"));
    expect(created).toMatchObject({
      status: "running",
      currentWave: 0,
      createdAt: "2026-03-02T08:00:00.000Z",
    });
    await expect(store.rollouts.create(newRollout("r1"))).rejects.toBeInstanceOf(AlreadyExistsError);

    const read = await store.rollouts.get("r1");
    expect(read.plan).toEqual({ waves: [{ name: "pilot", size: 50 }] });
    expect(read.enforcedGroupId).toBe("g-enf");
    expect(read.counts).toEqual({ pending: 0, reportOnly: 0, heldBack: 0, excluded: 0, enforced: 0 });
  });

  it("reports a missing rollout as NotFound", async () => {
    const { store } = await freshStore();
    await expect(store.rollouts.get("nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.rollouts.find("nope")).resolves.toBeUndefined();
  });

  it("lists every rollout from the single rollouts partition, optionally by status", async () => {
    const { store } = await freshStore();
    await store.rollouts.create(newRollout("alpha"));
    await store.rollouts.create({ ...newRollout("beta"), status: "paused" });
    await store.rollouts.create(newRollout("gamma"));

    expect((await store.rollouts.list()).map((r) => r.id)).toEqual(["alpha", "beta", "gamma"]);
    expect((await store.rollouts.list({ status: "paused" })).map((r) => r.id)).toEqual(["beta"]);
    expect(await store.rollouts.list({ limit: 2 })).toHaveLength(2);
    expect((await store.rollouts.list({ status: ["paused", "completed"] })).map((r) => r.id)).toEqual([
      "beta",
    ]);
  });

  it("keeps both of two concurrent read-modify-write changes", async () => {
    const { store, clock } = await freshStore();
    await store.rollouts.create(newRollout("race"));

    // Both writers read the same version before either writes, so one of them must lose the first race.
    let readers = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const waitForBoth = async () => {
      readers += 1;
      if (readers === 2) release();
      await bothRead;
    };
    let attempts = 0;
    const pause = store.rollouts.update("race", async () => {
      attempts += 1;
      if (attempts <= 2) await waitForBoth();
      return { status: "paused", statusReason: "admin pause" };
    });
    const count = store.rollouts.update("race", async (current) => {
      attempts += 1;
      if (attempts <= 2) await waitForBoth();
      return { counts: { ...current.counts, enforced: current.counts.enforced + 40 }, currentWave: 1 };
    });
    clock.advanceBy(60_000);
    await Promise.all([pause, count]);

    expect(attempts).toBe(3); // one writer had to re-read and re-apply its change
    const final = await store.rollouts.get("race");
    expect(final).toMatchObject({ status: "paused", statusReason: "admin pause", currentWave: 1 });
    expect(final.counts.enforced).toBe(40);
    expect(final.updatedAt).toBe("2026-03-02T08:01:00.000Z");
  });

  it("raises ConcurrencyError on a plain conditional save of a stale read", async () => {
    const { store } = await freshStore();
    await store.rollouts.create(newRollout("stale"));
    const first = await store.rollouts.get("stale");
    const second = await store.rollouts.get("stale");

    const saved = await store.rollouts.save({ ...first, status: "paused" });
    await expect(store.rollouts.save({ ...second, status: "aborted" })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect((await store.rollouts.get("stale")).status).toBe("paused");

    // The version returned by save is current, so it can be saved again.
    await store.rollouts.save({ ...saved, status: "running" });
    expect((await store.rollouts.get("stale")).status).toBe("running");
  });

  it("stops retrying after the allowed number of lost races", async () => {
    const { store } = await freshStore();
    await store.rollouts.create(newRollout("busy"));
    // Another writer changes the row after every read, so every conditional write loses.
    const update = store.rollouts.update(
      "busy",
      async (current) => {
        await store.rollouts.save({ ...current, statusReason: `other writer ${Math.random()}` });
        return { status: "paused" };
      },
      { retries: 2 },
    );
    await expect(update).rejects.toThrow(/gave up after 3 attempts/);
  });

  it("stores a plan larger than one property across several columns and reads it back", async () => {
    const { store } = await freshStore();
    const waves = Array.from({ length: 2000 }, (_, i) => ({
      name: `wave-${i}`,
      size: i * 10,
      note: "x".repeat(40),
    }));
    await store.rollouts.create(newRollout("big", { waves }));
    expect((await store.rollouts.get("big")).plan).toEqual({ waves });
  });

  it("rejects a plan over the 1 MiB entity limit with a clear error and writes nothing", async () => {
    const { store } = await freshStore();
    const plan = { blob: "y".repeat(600_000) }; // 1.2 MB as UTF-16
    const attempt = store.rollouts.create(newRollout("huge", plan));
    await expect(attempt).rejects.toBeInstanceOf(EntityTooLargeError);
    await expect(attempt).rejects.toThrow(/RowKey 'huge'.*1 MiB/);
    await expect(store.rollouts.find("huge")).resolves.toBeUndefined();
  });
});
