import type { SignInCounters, UserTally } from "../../../../shared/domain";
import { loadWindow, saveWindow } from "../../../../shared/store/counter-windows";
import { parseCounters, parseUserTally, serializeCounters, type StatusStore } from "../../../../shared/store";
import { countersOf, many } from "../domain/fixtures";

const POLICY = "12121212-1212-4212-8212-121212121212";
const ALICE = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const BOB = "9a6b2c1d-0000-4000-8000-00000000000b";
const COVERAGE = { from: Date.parse("2026-01-06T00:00:00Z"), until: Date.parse("2026-01-06T06:00:00Z") };
const META = { v: 2, from: "2026-01-06T00:00:00.000Z", until: "2026-01-06T06:00:00.000Z" };

// Written by saveWindow before the domain's tally had readable names: rows like these are in the
// counters tables of rollouts under way and must read back the same.
const STORED_WAVE_WINDOW =
  '{"skipped":2,"users":{"3f2504e0-4f89-11d3-9a0c-0305e82c3301":{"n":7,"f":2,"e":1,"l":1,"ro":[4,2,1,0],' +
  '"codes":{"50074":1,"53003":1,"500121":1},"c":{"Contoso Invoicing | Mobile Apps and Desktop clients | Ios":[5,2],' +
  '"Office 365 Exchange Online | Exchange ActiveSync | Android":[2,0]}},"9a6b2c1d-0000-4000-8000-00000000000b":' +
  '{"n":1,"f":0,"e":0,"l":0,"ro":[0,0,0,1],"codes":{},"c":{"Microsoft Teams | Browser | Windows10":[1,0]}}}}';
const STORED_CONTROL_WINDOW =
  '{"skipped":2,"users":{"3f2504e0-4f89-11d3-9a0c-0305e82c3301":[7,2,1,1,4,2,1,0],' +
  '"9a6b2c1d-0000-4000-8000-00000000000b":[1,0,0,0,0,0,0,1]}}';
// serializeCounters of the same counters, by the same code.
const SERIALIZED_COUNTERS =
  '{"v":1,"policyId":"12121212-1212-4212-8212-121212121212","users":' +
  STORED_WAVE_WINDOW.slice('{"skipped":2,"users":'.length, -1) +
  ',"skipped":2}';

const ALICE_TALLY: UserTally = {
  attempts: 7,
  failures: 2,
  serviceFailures: 1,
  legacyAttempts: 1,
  reportOnly: [4, 2, 1, 0],
  failureCodes: { "50074": 1, "53003": 1, "500121": 1 },
  byCluster: {
    "Contoso Invoicing | Mobile Apps and Desktop clients | Ios": [5, 2],
    "Office 365 Exchange Online | Exchange ActiveSync | Android": [2, 0],
  },
};
const BOB_TALLY: UserTally = {
  attempts: 1,
  failures: 0,
  serviceFailures: 0,
  legacyAttempts: 0,
  reportOnly: [0, 0, 0, 1],
  failureCodes: {},
  byCluster: { "Microsoft Teams | Browser | Windows10": [1, 0] },
};

/** The counters table's window documents, as far as counter-windows.ts uses them. */
function documentStore(documents: Record<string, string> = {}) {
  const written: Record<string, string> = {};
  const store = {
    counters: {
      documentGeneration: async (_rolloutId: string, key: string) => (key in documents ? "g1" : undefined),
      readDocument: async (_rolloutId: string, key: string) =>
        key in documents ? { meta: META, body: documents[key], generation: "g1" } : undefined,
      writeDocument: async (_rolloutId: string, key: string, document: { body: string }) => {
        written[key] = document.body;
        return undefined;
      },
    },
  } as unknown as StatusStore;
  return { store, written };
}

describe("counter windows stored before the tally's names were readable", () => {
  it("reads a wave window into readable tallies and writes it back byte for byte", async () => {
    const { store, written } = documentStore({ "w0-observe-wave": STORED_WAVE_WINDOW });
    const counters = await loadWindow(store, "old-wave", "w0-observe-wave", POLICY);
    expect(counters).toEqual({
      v: 1,
      policyId: POLICY,
      users: { [ALICE]: ALICE_TALLY, [BOB]: BOB_TALLY },
      skipped: 2,
    });
    await saveWindow(store, "old-wave", "w0-observe-wave", { counters, coverage: COVERAGE, slim: false });
    expect(written["w0-observe-wave"]).toBe(STORED_WAVE_WINDOW);
  });

  it("reads a control window's slim tallies and writes them back byte for byte", async () => {
    const { store, written } = documentStore({ "w0-observe-control": STORED_CONTROL_WINDOW });
    const counters = await loadWindow(store, "old-control", "w0-observe-control", POLICY);
    const slim = { failureCodes: {}, byCluster: {} };
    expect(counters.users).toEqual({
      [ALICE]: { ...ALICE_TALLY, ...slim },
      [BOB]: { ...BOB_TALLY, ...slim },
    });
    await saveWindow(store, "old-control", "w0-observe-control", {
      counters,
      coverage: COVERAGE,
      slim: true,
    });
    expect(written["w0-observe-control"]).toBe(STORED_CONTROL_WINDOW);
  });

  it("writes a freshly counted window in the stored format, slim for a control cohort", async () => {
    const counters = (): SignInCounters => ({
      v: 1,
      policyId: POLICY,
      users: { [ALICE]: structuredClone(ALICE_TALLY), [BOB]: structuredClone(BOB_TALLY) },
      skipped: 2,
    });
    const { store, written } = documentStore();
    await saveWindow(store, "fresh", "w0-observe-wave", {
      counters: counters(),
      coverage: COVERAGE,
      slim: false,
    });
    await saveWindow(store, "fresh", "w0-observe-control", {
      counters: counters(),
      coverage: COVERAGE,
      slim: true,
    });
    expect(written).toEqual({
      "w0-observe-wave": STORED_WAVE_WINDOW,
      "w0-observe-control": STORED_CONTROL_WINDOW,
    });
  });
});

describe("counters as validated JSON", () => {
  it("parses the stored format into readable tallies and writes the same text", () => {
    const counters = parseCounters(SERIALIZED_COUNTERS);
    expect(counters.users).toEqual({ [ALICE]: ALICE_TALLY, [BOB]: BOB_TALLY });
    expect(serializeCounters(counters)).toBe(SERIALIZED_COUNTERS);
  });

  it("round-trips through JSON and rejects a damaged payload", () => {
    const counters = countersOf([{ user: 1, code: 500121, reportOnly: "reportOnlyFailure" }]);
    expect(parseCounters(serializeCounters(counters))).toEqual(counters);
    expect(() => parseCounters('{"v":1,"policyId":null,"users":{"x":{"n":-1}},"skipped":0}')).toThrow(
      /invalid sign-in counters/,
    );
  });

  it("keeps memory per user, not per sign-in", () => {
    const counters = countersOf(many(5000, { user: 1, code: 500121 }));
    expect(serializeCounters(counters).length).toBeLessThan(300);
  });

  it("parses a stored tally and rejects a damaged one", () => {
    const stored = (JSON.parse(STORED_WAVE_WINDOW) as { users: Record<string, object> }).users[ALICE];
    expect(parseUserTally(stored)).toEqual(ALICE_TALLY);
    expect(() => parseUserTally({ ...stored, ro: [1, 2] })).toThrow(/invalid user tally/);
    expect(() => parseUserTally({ ...stored, n: undefined, attempts: 7 })).toThrow(/invalid user tally/);
  });
});
