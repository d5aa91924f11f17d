import {
  attributeFailures,
  DEFAULT_ATTRIBUTION,
  type AttributionThresholds,
} from "../../../../../shared/domain";
import { countersOf, many, u, type SignInSpec } from "../fixtures";

/**
 * Each threshold of the attribution tested on both sides of its boundary: a user, or an app on a
 * platform, exactly at the threshold is blamed, and one step short of it is not. With an expected
 * rate of 0 every failure is excess and any failure is evidence, so the thresholds alone decide.
 */
const healthy: SignInSpec[] = Array.from({ length: 40 }, (_, i) => many(5, { user: 100 + i })).flat();

/** `failures` failed attempts of one user, on an app of their own (so no cluster explains them). */
const failingAlone = (user: number, failures: number): SignInSpec[] =>
  many(failures, { user, app: `App ${user}`, code: 500121 });

const invoicingIos = { app: "Contoso Invoicing", client: "Mobile Apps and Desktop clients", os: "iOS" };

function attribute(specs: SignInSpec[], over: Partial<AttributionThresholds>) {
  return attributeFailures({
    wave: countersOf([...healthy, ...specs]),
    expectedRate: 0,
    thresholds: { ...DEFAULT_ATTRIBUTION, ...over },
  });
}

describe("failure attribution at its thresholds", () => {
  describe("minUserFailures: a user is blamed from this many failed attempts on", () => {
    const specs = [1, 2, 3].flatMap((user) => failingAlone(user, 3));
    it("blames users with exactly minUserFailures failures", () => {
      const result = attribute(specs, { minUserFailures: 3 });
      expect(result.kind).toBe("users");
      expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2), u(3)]);
    });
    it("blames nobody one failure short of it", () => {
      const result = attribute(specs, { minUserFailures: 4 });
      expect(result.concentrated).toBe(false);
      expect(result.holdBack).toEqual([]);
    });
  });

  describe("minShareOfExcess: the blamed users must explain this share of the excess", () => {
    // Four users with 2 failures each (8) and single failures of others (noise, never blamed).
    const blamed = [1, 2, 3, 4].flatMap((user) => failingAlone(user, 2));
    const noise = (n: number) => Array.from({ length: n }, (_, i) => failingAlone(50 + i, 1)).flat();
    it("blames them when they explain exactly that share (8 of 10)", () => {
      const result = attribute([...blamed, ...noise(2)], { minShareOfExcess: 0.8 });
      expect(result.kind).toBe("users");
      expect(result.holdBack).toHaveLength(4);
      expect(result.metrics.explainedShare).toBeCloseTo(0.8);
      expect(result.metrics.excessFailures).toBe(10);
    });
    it("blames nobody when they explain less (8 of 11)", () => {
      const result = attribute([...blamed, ...noise(3)], { minShareOfExcess: 0.8 });
      expect(result.concentrated).toBe(false);
      expect(result.kind).toBe("none");
    });
  });

  describe("maxUsers: at most this many users are blamed", () => {
    const specs = [1, 2, 3, 4].flatMap((user) => failingAlone(user, 2));
    it("blames exactly maxUsers users", () => {
      expect(attribute(specs, { maxUsers: 4 }).holdBack).toHaveLength(4);
    });
    it("blames nobody when one more user fails than may be blamed", () => {
      const result = attribute(specs, { maxUsers: 3 });
      expect(result.concentrated).toBe(false);
      expect(result.holdBack).toEqual([]);
    });
  });

  describe("a cluster: one app on one platform", () => {
    // Users 1 and 2 fail twice on the invoicing app on iOS, user 3 once (all of their attempts).
    const cluster = [
      ...many(2, { user: 1, ...invoicingIos, code: 50074 }),
      ...many(2, { user: 2, ...invoicingIos, code: 50074 }),
      ...many(1, { user: 3, ...invoicingIos, code: 50074 }),
    ];
    it("blames every user on it, the one whose single attempt failed too", () => {
      const result = attribute(cluster, {});
      expect(result.kind).toBe("cluster");
      expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2), u(3)]);
      expect(result.metrics.topClusterShare).toBe(1);
    });
    it("does not blame a user on it who failed once but also completed there", () => {
      const result = attribute([...cluster, ...many(1, { user: 3, ...invoicingIos })], {});
      expect(result.kind).toBe("cluster");
      expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2)]);
    });
    it("blames the cluster once its pooled failures reach minUserFailures, and not one short", () => {
      const one = [...many(1, { user: 1, ...invoicingIos, code: 50074 })];
      const two = [...one, ...many(1, { user: 2, ...invoicingIos, code: 50074 })];
      expect(attribute(two, { minUserFailures: 2 }).kind).toBe("cluster");
      expect(attribute(one, { minUserFailures: 2 }).concentrated).toBe(false);
    });
    it("blames it when it carries exactly minShareOfExcess of the excess, and not below", () => {
      // The cluster's 5 failures against single failures elsewhere: 5 of 6, then 5 of 7.
      const noise = (n: number) => Array.from({ length: n }, (_, i) => failingAlone(50 + i, 1)).flat();
      expect(attribute([...cluster, ...noise(1)], { minShareOfExcess: 5 / 6 }).kind).toBe("cluster");
      expect(attribute([...cluster, ...noise(2)], { minShareOfExcess: 5 / 6 }).concentrated).toBe(false);
    });
    it("blames at most maxUsers of its users: one more, and only the repeat failers are named", () => {
      expect(attribute(cluster, { maxUsers: 3 }).kind).toBe("cluster");
      const capped = attribute(cluster, { maxUsers: 2 });
      expect(capped.kind).toBe("users");
      expect(capped.holdBack.map((h) => h.userId)).toEqual([u(1), u(2)]);
    });
    it("names the first cluster by name when two carry the same excess", () => {
      const android = { ...invoicingIos, os: "Android" };
      const result = attribute(
        [
          ...many(2, { user: 1, ...invoicingIos, code: 50074 }),
          ...many(2, { user: 2, ...android, code: 50074 }),
        ],
        { minShareOfExcess: 0.5 },
      );
      expect(result.metrics.topCluster).toBe("Contoso Invoicing | Mobile Apps and Desktop clients | Android");
      expect(result.metrics.topClusterShare).toBe(0.5);
    });
  });

  describe("minBlamedFailureRate: a concentrated failure is actionable from this rate on", () => {
    // Each blamed user: 2 failed and 2 completed attempts on the app, a rate of exactly 0.5.
    const specs = [1, 2].flatMap((user) => [
      ...many(2, { user, ...invoicingIos, code: 50074 }),
      ...many(2, { user, ...invoicingIos }),
    ]);
    it("is actionable exactly at the rate", () => {
      const result = attribute(specs, { minBlamedFailureRate: 0.5 });
      expect(result.concentrated).toBe(true);
      expect(result.metrics.blamedFailureRate).toBe(0.5);
      expect(result.actionable).toBe(true);
    });
    it("is not actionable just above it", () => {
      const result = attribute(specs, { minBlamedFailureRate: 0.51 });
      expect(result.concentrated).toBe(true);
      expect(result.actionable).toBe(false);
    });
  });

  it("reports no excess, no share and no cluster for a wave without failures", () => {
    const result = attribute([], {});
    expect(result).toEqual({
      concentrated: false,
      actionable: false,
      kind: "none",
      holdBack: [],
      metrics: {
        excessFailures: 0,
        explainedShare: 0,
        topCluster: "Office 365 | Browser | Windows10",
        topClusterShare: 0,
        blamedFailureRate: 0,
        dominantCode: null,
      },
    });
  });

  it("counts the wave's excess net of users who fail less than expected", () => {
    // Expected 10%: 40 healthy users x 5 attempts fail 0 (-20); one user fails 10 of 10 (+9).
    const result = attributeFailures({
      wave: countersOf([...healthy, ...many(10, { user: 1, ...invoicingIos, code: 50074 })]),
      expectedRate: 0.1,
    });
    expect(result.metrics.excessFailures).toBeCloseTo(-11);
    // The user's 9 excess failures are all of the (cancelled-out) excess there is.
    expect(result.metrics.explainedShare).toBe(1);
  });
});
