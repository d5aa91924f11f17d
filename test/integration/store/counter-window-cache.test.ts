import { loadWindow, readWindow, saveWindow } from "../../../shared/store/counter-windows";
import { createCounters, type SignInCounters } from "../../../shared/domain";
import { freshStore } from "./store-fixture";

const POLICY = "12121212-1212-4212-8212-121212121212";
const USER = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

function counted(n: number): SignInCounters {
  const counters = createCounters(POLICY);
  counters.users[USER] = {
    attempts: n,
    failures: 1,
    serviceFailures: 0,
    legacyAttempts: 0,
    reportOnly: [n, 0, 0, 0],
    failureCodes: { 50074: 1 },
    byCluster: { "app|ios|x": [n, 1] },
  };
  return counters;
}

describe("counter windows kept parsed between steps", () => {
  it("reads back what was stored, including a control window's dropped detail", async () => {
    const { store } = await freshStore();
    await saveWindow(store, "r1", "w0-observe-control", {
      counters: counted(3),
      coverage: { from: 0, until: 1000 },
      slim: true,
    });
    const loaded = await loadWindow(store, "r1", "w0-observe-control", null);
    expect(loaded.policyId).toBeNull();
    expect(loaded.users[USER]).toEqual({
      attempts: 3,
      failures: 1,
      serviceFailures: 0,
      legacyAttempts: 0,
      reportOnly: [3, 0, 0, 0],
      failureCodes: {},
      byCluster: {},
    });
  });

  it("sees a newer document written elsewhere (another worker) instead of its own copy", async () => {
    const { store } = await freshStore();
    await saveWindow(store, "r1", "w0-bake-wave", {
      counters: counted(1),
      coverage: { from: 0, until: 10 },
      slim: false,
    });
    expect((await loadWindow(store, "r1", "w0-bake-wave", POLICY)).users[USER]?.attempts).toBe(1);
    // Another process counted more and saved: same key, a new generation.
    await store.counters.writeDocument("r1", "w0-bake-wave", {
      meta: { v: 2, from: new Date(0).toISOString(), until: new Date(20).toISOString() },
      // In the stored form (shared/store/stored-tally.ts), as that worker's saveWindow writes it.
      body: JSON.stringify({
        skipped: 0,
        users: {
          [USER]: {
            n: 7,
            f: 1,
            e: 0,
            l: 0,
            ro: [7, 0, 0, 0],
            codes: { 50074: 1 },
            c: { "app|ios|x": [7, 1] },
          },
        },
      }),
    });
    expect((await loadWindow(store, "r1", "w0-bake-wave", POLICY)).users[USER]?.attempts).toBe(7);
    const taken = await readWindow(store, "r1", "w0-bake-wave", POLICY);
    expect(taken.coverage).toEqual({ from: 0, until: 20 });
  });

  it("does not hand a window counted into but never saved to the next reader", async () => {
    const { store } = await freshStore();
    await saveWindow(store, "r1", "w1-observe-wave", {
      counters: counted(2),
      coverage: { from: 0, until: 10 },
      slim: false,
    });
    const first = await readWindow(store, "r1", "w1-observe-wave", POLICY);
    (first.counters.users[USER] as { attempts: number }).attempts += 40; // a read that failed before its save
    const again = await readWindow(store, "r1", "w1-observe-wave", POLICY);
    expect(again.counters.users[USER]?.attempts).toBe(2);
  });
});
