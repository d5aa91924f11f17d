import { attributeFailures, createCounters } from "../../../../../shared/domain";
import { countersOf, many, u } from "../fixtures";

describe("the evidence a user must show, shared by every user × app of the wave", () => {
  // Ten users signing in once on each of three apps: 30 cells, 31 with the failing user's. At an
  // expected rate of 10% each failure weighs ln 5 and each completed attempt ln(5/9): 5 failures
  // in 6 attempts come to 7.46, short of ln(31/α) = 8.04 for α = 1%; 6 in 7 come to 9.07.
  const threeApps = Array.from({ length: 10 }, (_, i) =>
    ["Outlook", "Teams", "SharePoint"].map((app) => ({ user: 100 + i, app })),
  ).flat();
  const attribute = (failures: number) =>
    attributeFailures({
      wave: countersOf([
        ...threeApps,
        ...many(failures, { user: 1, app: "Contoso Invoicing", code: 500121 }),
        { user: 1, app: "Contoso Invoicing" },
      ]),
      expectedRate: 0.1,
      evidence: { alpha: 0.01, brokenRate: 0.5 },
    });

  it("does not name a user whose evidence would only suffice for one test per user", () => {
    expect(attribute(5)).toMatchObject({ concentrated: false, holdBack: [] });
  });

  it("names the user once the evidence suffices for every cell", () => {
    expect(attribute(6).holdBack.map((h) => h.userId)).toEqual([u(1)]);
  });
});

describe("which app × client × platform is the top cluster", () => {
  // Two apps failing alike, each carrying half the excess: no cluster explains it, but the gates
  // table still names the top one, and it must not depend on the order the sign-ins came in.
  const twoApps = (first: string, second: string) =>
    attributeFailures({
      wave: countersOf([
        ...many(3, { user: 1, app: first, code: 500121 }),
        ...many(3, { user: 2, app: second, code: 500121 }),
      ]),
      expectedRate: 0,
    }).metrics;

  it("is the first by name when two carry the same excess", () => {
    expect(twoApps("App A", "App B")).toMatchObject({
      topCluster: "App A | Browser | Windows10",
      topClusterShare: 0.5,
    });
    expect(twoApps("App B", "App A")).toMatchObject({
      topCluster: "App A | Browser | Windows10",
      topClusterShare: 0.5,
    });
  });
});

describe("a wave without sign-ins", () => {
  it("blames nobody and names no cluster", () => {
    const result = attributeFailures({ wave: createCounters(), expectedRate: 0.05 });
    expect(result).toMatchObject({
      concentrated: false,
      kind: "none",
      holdBack: [],
      metrics: { excessFailures: 0, topCluster: null, topClusterShare: 0, dominantCode: null },
    });
  });
});

describe("the users blamed with a broken cluster", () => {
  const invoicingIos = { app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" };
  const healthy = Array.from({ length: 40 }, (_, i) => many(5, { user: 100 + i })).flat();
  const attribute = (specs: Parameters<typeof countersOf>[0]) =>
    attributeFailures({ wave: countersOf([...healthy, ...specs]), expectedRate: 0 });

  it("include a user with exactly minUserFailures failures there, though some attempts there completed", () => {
    const result = attribute([
      ...many(4, { user: 1, ...invoicingIos, code: 50074 }),
      ...many(2, { user: 2, ...invoicingIos, code: 50074 }),
      { user: 2, ...invoicingIos },
    ]);
    expect(result.kind).toBe("cluster");
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2)]);
  });

  it("give way to the users blamed one by one when the cluster does not cover them all", () => {
    // The app carries 8 of the 10 excess failures (exactly minShareOfExcess), user 3 the other 2
    // elsewhere: holding back the app's users alone would leave user 3 failing in the wave.
    const result = attribute([
      ...many(4, { user: 1, ...invoicingIos, code: 50074 }),
      ...many(4, { user: 2, ...invoicingIos, code: 50074 }),
      ...many(2, { user: 3, app: "Outlook", code: 500121 }),
    ]);
    expect(result.metrics.topClusterShare).toBe(0.8);
    expect(result.kind).toBe("users");
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2), u(3)]);
  });

  it("are named for the broken app, though another app failed one of them more", () => {
    const result = attribute([
      ...many(4, { user: 1, ...invoicingIos, code: 50074 }),
      ...many(4, { user: 2, ...invoicingIos, code: 50074 }),
      { user: 3, ...invoicingIos, code: 50074 },
      ...many(2, { user: 3, app: "Outlook", code: 50074 }),
    ]);
    expect(result.kind).toBe("cluster");
    expect(result.holdBack[2]).toEqual({
      userId: u(3),
      reason:
        "Contoso Invoicing on iOS: 1 of 1 sign-in attempts ended at the MFA prompt (50074), none completed",
    });
  });
});
