import { clusterTotals, createCounters, pickUsers, summarize } from "../../../../../shared/domain";
import { createUsersFold } from "../../../../../shared/ingest";
import { countersOf, many, POLICY, signIn, u } from "../fixtures";

describe("sign-in counters", () => {
  it("counts attempts, failed attempts by code, and ignores attempts that never reached MFA", () => {
    const counters = countersOf([
      { user: 1 },
      { user: 1, code: 500121 },
      { user: 1, code: 50074 },
      { user: 1, code: 500121 },
      { user: 1, code: 50126 }, // wrong password: not the rollout's fault
    ]);
    const tally = counters.users[u(1)];
    expect(tally).toMatchObject({
      attempts: 4,
      failures: 3,
      serviceFailures: 0,
      failureCodes: { "500121": 2, "50074": 1 },
    });
  });

  it.each([
    ["reportOnlySuccess", [1, 0, 0, 0]],
    ["reportOnlyFailure", [0, 1, 0, 0]],
    ["reportOnlyInterrupted", [0, 0, 1, 0]],
    ["reportOnlyNotApplied", [0, 0, 0, 1]],
  ] as const)("counts %s of the rollout's policy", (result, expected) => {
    const counters = countersOf([{ user: 1, reportOnly: result }]);
    expect(counters.users[u(1)]?.reportOnly).toEqual(expected);
  });

  it("ignores report-only results of other policies, unless no policy id is given", () => {
    const other = "99999999-2222-4333-8444-555555555555";
    expect(
      countersOf([{ user: 1, reportOnly: "reportOnlyFailure", policyId: other }]).users[u(1)]?.reportOnly,
    ).toEqual([0, 0, 0, 0]);
    expect(
      countersOf([{ user: 1, reportOnly: "reportOnlyFailure", policyId: other }], null).users[u(1)]
        ?.reportOnly,
    ).toEqual([0, 1, 0, 0]);
  });

  it("clusters by app × client × platform", () => {
    const counters = countersOf([
      ...many(3, {
        user: 1,
        app: "Contoso Invoicing",
        client: "Mobile Apps and Desktop clients",
        os: "iOS",
        code: 500121,
      }),
      { user: 1, app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" },
      { user: 1, app: "Outlook", client: "Exchange ActiveSync", os: "Android" },
    ]);
    expect(counters.users[u(1)]?.byCluster).toEqual({
      "Contoso Invoicing | Mobile Apps and Desktop clients | iOS": [4, 3],
      "Outlook | Exchange ActiveSync | Android": [1, 0],
    });
    expect(counters.users[u(1)]?.legacyAttempts).toBe(1);
  });

  it("counts service errors apart from MFA failures (the outage signal)", () => {
    const counters = countersOf([{ user: 1, code: 90033 }, { user: 2, code: 50000 }, { user: 2 }]);
    const summary = summarize(counters);
    expect(summary).toMatchObject({
      serviceFailures: 2,
      failures: 0,
      usersWithServiceFailures: 2,
      signIns: 3,
    });
  });

  it("passes over rows without a user id and keys users in lower case", () => {
    const counters = createCounters(POLICY);
    const fold = createUsersFold(counters, [u(1)], {
      from: Date.parse("2026-01-06T00:00:00Z"),
      until: Date.parse("2026-01-07T00:00:00Z"),
    });
    fold.addPage([{ ...signIn({ user: 1 }), userId: undefined }, signIn({ user: u(1).toUpperCase() })]);
    fold.finish();
    expect(counters.users).toEqual({ [u(1)]: expect.objectContaining({ attempts: 1 }) });
  });

  it("totals clusters across users, most failures first", () => {
    const counters = countersOf([
      ...many(2, { user: 1, app: "Teams", os: "iOS", code: 500121 }),
      { user: 2, app: "Teams", os: "iOS", code: 500121 },
      { user: 2, app: "Outlook", os: "Android" },
    ]);
    expect(clusterTotals(counters)).toEqual([
      {
        key: "Teams | Browser | iOS",
        app: "Teams",
        clientApp: "Browser",
        platform: "iOS",
        signIns: 3,
        failures: 3,
        users: 2,
      },
      {
        key: "Outlook | Browser | Android",
        app: "Outlook",
        clientApp: "Browser",
        platform: "Android",
        signIns: 1,
        failures: 0,
        users: 1,
      },
    ]);
  });

  it("summarizes a subset of users", () => {
    const counters = countersOf([{ user: 1, code: 50074 }, { user: 2 }, { user: 3, code: 50074 }]);
    expect(summarize(pickUsers(counters, [u(1), u(2), u(404)]))).toMatchObject({
      users: 2,
      signIns: 2,
      failures: 1,
    });
  });
});
