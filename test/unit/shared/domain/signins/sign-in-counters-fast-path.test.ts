import type { SignIn } from "@microsoft/microsoft-graph-types";
import { clusterKey, createCounters, type SignInCounters } from "../../../../../shared/domain";
import { createUsersFold } from "../../../../../shared/ingest";
import { countersOf, POLICY, signIn, u } from "../fixtures";

// The fold remembers legacy-client answers and cluster keys between sign-ins, and skips copying
// ids that are already lower case: these cases pin that the shortcuts count exactly as before.

/** Folds rows of user 1 into `counters`, the whole of 6 January. */
function addSignIn(counters: SignInCounters, ...rows: SignIn[]): void {
  const fold = createUsersFold(counters, [u(1)], {
    from: Date.parse("2026-01-06T00:00:00Z"),
    until: Date.parse("2026-01-07T00:00:00Z"),
  });
  fold.addPage(rows);
  fold.finish();
}
describe("sign-in counters, fast path", () => {
  it("recognises legacy clients whatever their spelling, also after seeing one spelling", () => {
    const counters = countersOf([
      { user: 1, client: "Exchange ActiveSync" },
      { user: 1, client: "exchange activesync" },
      { user: 1, client: "EXCHANGE ACTIVESYNC" },
      { user: 1, client: "Browser" },
    ]);
    expect(counters.users[u(1)]?.legacyAttempts).toBe(3);
  });

  it("keeps one cluster per app × client × platform across users and sign-ins", () => {
    const counters = countersOf([
      { user: 1, app: "A", client: "B", os: "C" },
      { user: 2, app: "A", client: "B", os: "C", code: 50074 },
      { user: 2, app: "A", client: "B", os: "C" },
      { user: 2, app: "A", client: "BC", os: "" },
    ]);
    expect(counters.users[u(1)]?.byCluster).toEqual({ "A | B | C": [1, 0] });
    expect(counters.users[u(2)]?.byCluster).toEqual({
      "A | B | C": [2, 1],
      "A | BC | unknown platform": [1, 0],
    });
  });

  it("keeps names with a pipe unambiguous", () => {
    const counters = countersOf([{ user: 1, app: "Sales | EU", client: "Browser", os: "iOS" }]);
    expect(Object.keys(counters.users[u(1)]?.byCluster ?? {})).toEqual(["Sales ¦ EU | Browser | iOS"]);
    expect(clusterKey({ app: "Sales | EU", clientApp: "Browser", platform: "iOS" })).toBe(
      "Sales ¦ EU | Browser | iOS",
    );
  });

  it("counts an upper-case user id and an upper-case policy id under the lower-case ones", () => {
    const counters = createCounters(POLICY.toUpperCase());
    const upper: SignIn = {
      ...signIn({ user: 1, reportOnly: "reportOnlyFailure" }),
      userId: u(1).toUpperCase(),
    };
    addSignIn(counters, upper, signIn({ user: 1, reportOnly: "reportOnlySuccess" }));
    expect(Object.keys(counters.users)).toEqual([u(1)]);
    expect(counters.users[u(1)]?.reportOnly).toEqual([1, 1, 0, 0]);
  });

  it("counts the most alarming report-only result once when no policy id is given", () => {
    const counters = createCounters(null);
    addSignIn(counters, {
      ...signIn({ user: 1 }),
      appliedConditionalAccessPolicies: [
        { id: POLICY, result: "reportOnlyNotApplied" },
        { id: u(99), result: "reportOnlySuccess" },
        { id: u(98), result: "reportOnlyInterrupted" },
        { id: u(97), result: "notApplied" },
      ],
    });
    expect(counters.users[u(1)]?.reportOnly).toEqual([0, 0, 1, 0]);
  });

  it("ignores result names that are not report-only, inherited object names included", () => {
    const counters = createCounters(null);
    addSignIn(counters, {
      ...signIn({ user: 1 }),
      appliedConditionalAccessPolicies: [{ id: POLICY, result: "constructor" as never }],
    });
    expect(counters.users[u(1)]?.reportOnly).toEqual([0, 0, 0, 0]);
  });
});
