import { decide } from "../../../../../shared/domain";
import { bake, blame, health, limits, readiness, readinessState, users } from "./decision-fixtures";

/** Every branch of the decision, and each limit on both sides of its boundary. */
describe("decide: maxHeldBackShare", () => {
  it("shrinks when the held-back share would be exactly the limit (7 + 3 of 100 = 10%)", () => {
    const result = decide(bake({ heldBack: 7 }), { health: health("Fail"), attribution: blame(3) }, limits);
    expect(result).toEqual({
      decision: "shrink",
      reason: "holding back 3 users who account for the failures (one app and platform)",
      holdBack: users(3),
    });
  });

  it("pauses one user over it (8 + 3 of 100 = 11%)", () => {
    const result = decide(bake({ heldBack: 8 }), { health: health("Fail"), attribution: blame(3) }, limits);
    expect(result).toEqual({
      decision: "pause",
      reason:
        "3 users account for the failures (one app and platform), but holding them back would leave 11 of 100 (11%) held back, above 10%",
      holdBack: [],
    });
  });

  it("pauses rather than hold anyone back from an empty wave", () => {
    const result = decide(
      bake({ waveSize: 0 }),
      { health: health("Fail"), attribution: blame(1) },
      { ...limits, maxHeldBackShare: 0.99 },
    );
    expect(result.decision).toBe("pause");
    expect(result.reason).toMatch(/1 of 0 \(100%\) held back/);
  });
});

describe("decide: maxExtensions", () => {
  it.each([
    [0, "extend", "extension 1 of 2: Pending because"],
    [1, "extend", "extension 2 of 2: Pending because"],
    [2, "pause", "still no verdict after 2 extensions: Pending because"],
  ] as const)("a Pending bake with %i extensions granted → %s", (extensions, decision, reason) => {
    const result = decide(bake({ extensions }), { health: health("Pending") }, limits);
    expect(result).toEqual({ decision, reason, holdBack: [] });
  });
});

describe("decide (health): every branch", () => {
  it("keeps baking an Inconclusive wave before the bake is complete", () => {
    const result = decide(bake({ bakeComplete: false }), { health: health("Inconclusive") }, limits);
    expect(result).toEqual({
      decision: "proceed",
      reason: "keep baking: Inconclusive because",
      holdBack: [],
    });
  });

  it("words a verdict without reasons by the verdict itself", () => {
    const result = decide(bake(), { health: health("Pass", []) }, limits);
    expect(result.reason).toBe("bake complete and healthy: Pass");
  });

  it("holds back an actionable concentration while the verdict is still Pending", () => {
    const result = decide(
      bake({ bakeComplete: false }),
      { health: health("Pending"), attribution: blame(2, { actionable: true }) },
      limits,
    );
    expect(result).toEqual({
      decision: "shrink",
      reason: "holding back 2 users who fail on one app and platform while the wave is healthy",
      holdBack: users(2),
    });
  });

  it("words an actionable concentration in a failing wave as the cause of the failures", () => {
    const result = decide(
      bake(),
      { health: health("Fail"), attribution: blame(2, { actionable: true }) },
      limits,
    );
    expect(result.reason).toBe("holding back 2 users who account for the failures (one app and platform)");
  });

  it("does not act on a concentration that is not actionable while the wave passes", () => {
    const result = decide(bake(), { health: health("Pass"), attribution: blame(2) }, limits);
    expect(result.decision).toBe("proceed");
  });

  it("names the users, not a cluster, when a few users account for a Fail", () => {
    const result = decide(
      bake(),
      { health: health("Fail"), attribution: blame(2, { kind: "users" }) },
      limits,
    );
    expect(result.reason).toBe("holding back 2 users who account for the failures (2 users)");
  });

  it("pauses a Fail whose attribution found no concentration, listing every reason", () => {
    const result = decide(
      bake(),
      { health: health("Fail", ["rate up", "users up"]), attribution: blame(0, { concentrated: false }) },
      limits,
    );
    expect(result).toEqual({
      decision: "pause",
      reason: "failures are spread across the wave: rate up; users up",
      holdBack: [],
    });
  });
});

describe("decide (readiness): every branch", () => {
  const state = readinessState;

  it.each([
    ["Pending", 0, "extend", "extension 1 of 2: 95% registered; no legacy clients"],
    ["Inconclusive", 1, "extend", "extension 2 of 2: 95% registered; no legacy clients"],
    ["Pending", 2, "pause", "still no verdict after 2 extensions: 95% registered; no legacy clients"],
    ["Inconclusive", 2, "pause", "still no verdict after 2 extensions: 95% registered; no legacy clients"],
  ] as const)(
    "waits on a %s readiness with %i extensions granted → %s",
    (verdict, extensions, decision, reason) => {
      const gate = readiness({ verdict, holdBack: users(1) });
      const result = decide({ ...state, extensions }, { readiness: gate }, limits);
      expect(result).toEqual({ decision, reason, holdBack: [] });
    },
  );

  it("words a ready wave by its first reason, or says all checks passed", () => {
    expect(decide(state, { readiness: readiness({}) }, limits).reason).toBe("ready: 95% registered");
    expect(decide(state, { readiness: readiness({ reasons: [] }) }, limits).reason).toBe(
      "ready: all checks passed",
    );
  });

  it("pauses a failing wave with nobody to hold back, listing every reason", () => {
    const result = decide(state, { readiness: readiness({ verdict: "Fail" }) }, limits);
    expect(result.reason).toBe("not ready and nobody to hold back: 95% registered; no legacy clients");
  });

  it("pauses a wave that fails even without its users at risk", () => {
    const gate = readiness({ verdict: "Fail", holdBack: users(2), passesAfterHoldBack: false });
    expect(decide(state, { readiness: gate }, limits)).toEqual({
      decision: "pause",
      reason: "not ready even without the 2 users at risk: 95% registered; no legacy clients",
      holdBack: [],
    });
  });

  it("holds back the users enforcement would lock out, up to the share limit (5 of 50)", () => {
    const result = decide(state, { readiness: readiness({ holdBack: users(5) }) }, limits);
    expect(result).toEqual({
      decision: "shrink",
      reason: "holding back 5 users who would be locked out by enforcement",
      holdBack: users(5),
    });
  });

  it("requires the readiness result it decides on", () => {
    expect(() => decide(state, {}, limits)).toThrow("decide: the readiness gate result is missing");
  });
});

describe("decide: a systemic pause", () => {
  it("names a failure beyond the wave without a cause, code or attribution, listing every reason", () => {
    const systemic = {
      systemic: true,
      cause: null,
      code: null,
      reasons: ["control rose", "service errors"],
      metrics: {} as never,
    };
    expect(decide(bake(), { health: health("Pass"), systemic }, limits)).toEqual({
      decision: "pause",
      reason:
        "systemic: failure beyond the wave — not the users' fault; nobody held back: control rose; service errors",
      holdBack: [],
    });
  });
});
