import { attributeFailures, DEFAULT_ATTRIBUTION } from "../../../../../shared/domain";
import { countersOf, many, u, type SignInSpec } from "../fixtures";

const invoicingIos = { app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" };

/** 60 healthy users with 10 clean sign-ins each. */
const healthy: SignInSpec[] = Array.from({ length: 60 }, (_, i) => many(10, { user: 100 + i })).flat();

describe("failure attribution", () => {
  it("blames one app on one platform, naming it per user", () => {
    const specs = [
      ...healthy,
      ...many(7, { user: 1, ...invoicingIos, code: 500121 }),
      ...many(2, { user: 1, ...invoicingIos }),
      ...many(5, { user: 2, ...invoicingIos, code: 500121 }),
      ...many(4, { user: 3, ...invoicingIos, code: 50074 }),
      ...many(3, { user: 3, app: "Outlook", os: "Windows10" }),
    ];
    const result = attributeFailures({ wave: countersOf(specs), expectedRate: 0 });
    expect(result.concentrated).toBe(true);
    expect(result.holdBack).toEqual([
      {
        userId: u(1),
        reason: "Contoso Invoicing on iOS: 7 of 9 sign-in attempts failed MFA (error 500121), 2 completed",
      },
      {
        userId: u(2),
        reason: "Contoso Invoicing on iOS: 5 of 5 sign-in attempts failed MFA (error 500121), none completed",
      },
      {
        userId: u(3),
        reason:
          "Contoso Invoicing on iOS: 4 of 4 sign-in attempts ended at the MFA prompt (50074), none completed",
      },
    ]);
    expect(result.metrics.topCluster).toBe("Contoso Invoicing | Mobile Apps and Desktop clients | iOS");
    expect(result.metrics.explainedShare).toBe(1);
    // 16 of 18 sign-ins in the blamed cluster failed: act even if the wave's average looks fine.
    expect(result.metrics.blamedFailureRate).toBeCloseTo(16 / 18);
    expect(result.actionable).toBe(true);
    // 12 failures carry 500121, 4 carry 50074: the wave's error, for a pause reason to name.
    expect(result.metrics.dominantCode).toBe(500121);
  });

  it("names no error code for a wave without failures", () => {
    const result = attributeFailures({ wave: countersOf(healthy), expectedRate: 0 });
    expect(result.metrics.dominantCode).toBeNull();
  });

  it("blames but does not act alone on a cluster that fails only now and then", () => {
    const specs = [
      ...healthy,
      ...many(2, { user: 1, ...invoicingIos, code: 500121 }),
      ...many(18, { user: 1, ...invoicingIos }),
      ...many(2, { user: 2, ...invoicingIos, code: 500121 }),
      ...many(18, { user: 2, ...invoicingIos }),
    ];
    const result = attributeFailures({ wave: countersOf(specs), expectedRate: 0 });
    expect(result.concentrated).toBe(true);
    expect(result.metrics.blamedFailureRate).toBeCloseTo(0.1);
    expect(result.actionable).toBe(false);
  });

  it("blames a few users whose failures are on different apps", () => {
    const specs = [
      ...healthy,
      ...many(6, { user: 1, app: "Teams", os: "Android", code: 500121 }),
      ...many(6, { user: 2, app: "Outlook", os: "MacOs", code: 50074 }),
    ];
    const result = attributeFailures({ wave: countersOf(specs), expectedRate: 0 });
    expect(result.kind).toBe("users");
    expect(result.holdBack.map((h) => h.reason)).toEqual([
      "Teams on Android: 6 of 6 sign-in attempts failed MFA (error 500121), none completed",
      "Outlook on macOS: 6 of 6 sign-in attempts ended at the MFA prompt (50074), none completed",
    ]);
  });

  it("does not blame anyone when failures are spread thin", () => {
    const specs = [...healthy, ...Array.from({ length: 60 }, (_, i) => ({ user: 100 + i, code: 500121 }))];
    const result = attributeFailures({ wave: countersOf(specs), expectedRate: 0 });
    expect(result).toMatchObject({ concentrated: false, kind: "none", holdBack: [] });
  });

  it("does not blame anyone when more users fail than may be blamed", () => {
    const specs = Array.from({ length: DEFAULT_ATTRIBUTION.maxUsers + 5 }, (_, i) =>
      many(5, { user: i + 1, ...invoicingIos, code: 500121 }),
    ).flat();
    expect(attributeFailures({ wave: countersOf(specs), expectedRate: 0 }).concentrated).toBe(false);
  });

  it("only counts failures above the expected rate", () => {
    // 2% background failures everywhere: nothing in excess, nothing to attribute.
    const specs = Array.from({ length: 50 }, (_, i) => [
      ...many(49, { user: i + 1 }),
      { user: i + 1, code: 500121 },
    ]).flat();
    expect(attributeFailures({ wave: countersOf(specs), expectedRate: 0.02 })).toMatchObject({
      concentrated: false,
      metrics: { excessFailures: 0 },
    });
  });

  it("blames a user with one failure when the same broken cluster already fails others repeatedly", () => {
    const specs = [
      ...healthy,
      ...many(4, { user: 1, ...invoicingIos, code: 50074 }),
      ...many(3, { user: 2, ...invoicingIos, code: 50074 }),
      { user: 3, ...invoicingIos, code: 50074 },
      ...many(5, { user: 3, app: "Outlook", os: "Windows10" }),
    ];
    const result = attributeFailures({ wave: countersOf(specs), expectedRate: 0 });
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2), u(3)]);
    expect(result.holdBack[2]?.reason).toBe(
      "Contoso Invoicing on iOS: 1 of 1 sign-in attempts ended at the MFA prompt (50074), none completed",
    );
  });

  it("ignores a user with a single failed prompt", () => {
    const specs = [...healthy, { user: 1, code: 500121 }];
    expect(attributeFailures({ wave: countersOf(specs), expectedRate: 0 }).holdBack).toEqual([]);
  });
});
