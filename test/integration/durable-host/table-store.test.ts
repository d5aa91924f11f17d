import { TableClient } from "@azure/data-tables";
import { LocalDurableHost, TableInstanceStore, type InstanceState } from "../../../local/durable-host";
import { azuriteConnectionString, uniqueTableName } from "../azurite-env";
import { registry, T0 } from "../../unit/local/durable-host/fixtures/host-fixture";

const DAY = 24 * 3600_000;

function store(table: string): TableInstanceStore {
  return new TableInstanceStore(azuriteConnectionString(), table);
}

describe("durable host on an Azurite table store", () => {
  it("a host stopped mid-orchestration and restarted on the same table completes with the same output", async () => {
    const table = uniqueTableName("dhrestart");
    // reference run, uninterrupted
    const reference = await LocalDurableHost.start({
      registry,
      store: store(uniqueTableName("dhref")),
      clock: { mode: "virtual", start: T0 },
    });
    await reference.client.startNew("steps", { instanceId: "run", input: 4 });
    await reference.runUntilIdle();
    const expected = reference.instance("run")?.output;
    await reference.stop();

    const first = await LocalDurableHost.start({
      registry,
      store: store(table),
      clock: { mode: "virtual", start: T0 },
    });
    first.faults.stopBeforeActivityCompletes({ name: "echo", occurrence: 3 });
    await first.client.startNew("steps", { instanceId: "run", input: 4 });
    await first.client.startNew("longTimer", { instanceId: "sleeper", input: 8 });
    await first.runUntilIdle();
    expect(first.stoppedByFault).toBeDefined();
    await first.stop();

    // a brand-new host, new store object, same table
    const second = await LocalDurableHost.start({
      registry,
      store: store(table),
      clock: { mode: "virtual", start: T0 },
    });
    try {
      await second.advanceBy(9 * DAY);
      expect(second.instance("run")?.status).toBe("Completed");
      expect(second.instance("run")?.output).toBe(expected);
      expect(first.activityExecutions("echo")).toBe(3);
      expect(second.activityExecutions("echo")).toBe(2 + 1); // step-2 again, step-3, and the sleeper's echo
      expect(second.instance("sleeper")?.status).toBe("Completed");
      const persisted = await store(table).load("run");
      expect(persisted?.status).toBe("Completed");
    } finally {
      await second.stop();
    }
  });

  it("splits a large instance across properties and rows under the 64 KiB property limit", async () => {
    const table = uniqueTableName("dhlarge");
    const big = store(table);
    const history = Array.from({ length: 400 }, (_, i) => ({
      EventType: 5,
      EventId: -1,
      IsPlayed: true,
      Timestamp: T0,
      TaskScheduledId: i,
      Result: JSON.stringify("x".repeat(2000)),
    }));
    const state: InstanceState = {
      instanceId: "big/one#?",
      executionId: "e",
      name: "steps",
      status: "Running",
      createdTime: T0,
      lastUpdatedTime: T0,
      history,
      inbox: [],
      activities: [],
      hostTasks: [],
      nextSequenceId: 400,
    };
    await big.save(state);
    expect(await store(table).load("big/one#?")).toEqual(state);

    const client = TableClient.fromConnectionString(azuriteConnectionString(), table, {
      allowInsecureConnection: true,
    });
    let rows = 0;
    for await (const entity of client.listEntities()) {
      rows++;
      for (const value of Object.values(entity)) {
        if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(32 * 1024);
      }
    }
    expect(rows).toBeGreaterThanOrEqual(3); // meta + at least two chunk rows

    // shrinking removes the rows it no longer needs
    await big.save({ ...state, history: [] });
    expect((await store(table).load("big/one#?"))?.history).toEqual([]);
    expect((await store(table).list()).map((s) => s.instanceId)).toEqual(["big/one#?"]);
    expect(await big.delete("big/one#?")).toBe(true);
    expect(await big.load("big/one#?")).toBeUndefined();
  });
});
