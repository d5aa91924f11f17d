import { decide, type SystemicResult } from "../../../../../shared/domain";
import { bake, blame, health, limits, readiness, readinessState } from "./decision-fixtures";

const systemic: SystemicResult = {
  systemic: true,
  cause: "sharedOutage",
  code: null,
  reasons: ["users outside the wave fail too"],
  metrics: {} as never,
};

describe("decide (health)", () => {
  it("shrinks a wave that passes on average when a few users always fail on one app and platform", () => {
    const result = decide(
      bake({ bakeComplete: false }),
      { health: health("Pass"), attribution: blame(4, { actionable: true }) },
      limits,
    );
    expect(result.decision).toBe("shrink");
    expect(result.holdBack).toHaveLength(4);
  });

  it("keeps baking a passing wave whose concentrated failures are too rare to act on", () => {
    const result = decide(
      bake({ bakeComplete: false }),
      { health: health("Pass"), attribution: blame(4) },
      limits,
    );
    expect(result.decision).toBe("proceed");
    expect(result.holdBack).toHaveLength(0);
  });

  it.each([
    ["Pass at the end of the bake", bake(), "Pass", "proceed", /bake complete and healthy/],
    ["Pass during the bake", bake({ bakeComplete: false }), "Pass", "proceed", /healthy so far/],
    ["Pending during the bake", bake({ bakeComplete: false }), "Pending", "proceed", /keep baking/],
    [
      "Inconclusive with extensions left",
      bake({ extensions: 1 }),
      "Inconclusive",
      "extend",
      /extension 2 of 2/,
    ],
    ["Inconclusive with none left", bake({ extensions: 2 }), "Inconclusive", "pause", /after 2 extensions/],
    ["a broad Fail", bake(), "Fail", "pause", /spread across the wave/],
  ] as const)("%s → %s", (_name, state, verdict, decision, reason) => {
    const result = decide(state, { health: health(verdict) }, limits);
    expect(result.decision).toBe(decision);
    expect(result.reason).toMatch(reason);
    expect(result.holdBack).toEqual([]);
  });

  it("shrinks when failures concentrate within the held-back budget", () => {
    const result = decide(bake({ heldBack: 2 }), { health: health("Fail"), attribution: blame(3) }, limits);
    expect(result.decision).toBe("shrink");
    expect(result.holdBack).toHaveLength(3);
    expect(result.reason).toMatch(/holding back 3 users/);
  });

  it("pauses instead when holding back would exceed maxHeldBackShare", () => {
    const result = decide(bake({ heldBack: 8 }), { health: health("Fail"), attribution: blame(3) }, limits);
    expect(result.decision).toBe("pause");
    expect(result.reason).toMatch(/11 of 100 \(11%\) held back, above 10%/);
    expect(result.holdBack).toEqual([]);
  });

  it("pauses on a systemic failure and blames nobody, whatever the attribution says", () => {
    const result = decide(bake(), { health: health("Fail"), attribution: blame(3), systemic }, limits);
    expect(result).toEqual({
      decision: "pause",
      reason: expect.stringMatching(/systemic.*nobody held back/),
      holdBack: [],
    });
  });

  it.each([
    [
      "an outage both cohorts share, named by the wave's error code",
      { ...systemic },
      500121,
      "systemic: MFA service failing for enforced and unenforced users alike (error 500121) — not the users' fault; nobody held back: users outside the wave fail too",
    ],
    [
      "the error code both cohorts share, over the wave's own",
      { ...systemic, code: 500121 },
      50074,
      "systemic: MFA service failing for enforced and unenforced users alike (error 500121) — not the users' fault; nobody held back: users outside the wave fail too",
    ],
    [
      "service errors, without a code when the wave has no failures of its own",
      { ...systemic, cause: "serviceErrors" as const, reasons: ["40 service errors across 30 users"] },
      null,
      "systemic: sign-in service errors spread across many users — not the users' fault; nobody held back: 40 service errors across 30 users",
    ],
  ])("words a systemic pause as what failed: %s", (_name, result, waveCode, reason) => {
    const attribution = { ...blame(0), metrics: { ...blame(0).metrics, dominantCode: waveCode } };
    const outcome = decide(
      bake({ bakeComplete: false }),
      { health: health("Pending"), attribution, systemic: result },
      limits,
    );
    expect(outcome).toEqual({ decision: "pause", reason, holdBack: [] });
  });

  it("pauses on a broad failure: stepping a wave back is an admin's call, never the engine's", () => {
    const result = decide(bake(), { health: health("Fail") }, limits);
    expect(result.decision).toBe("pause");
    expect(result.reason).toMatch(/^failures are spread across the wave/);
  });

  it("requires the gate result it decides on", () => {
    expect(() => decide(bake(), {}, limits)).toThrow(/health gate result is missing/);
  });
});

describe("decide (readiness)", () => {
  const state = readinessState;
  const users = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, reason: "no MFA method registered" }));

  it.each([
    ["ready", readiness({}), "proceed", 0],
    ["ready but for a few users", readiness({ holdBack: users(3) }), "shrink", 3],
    ["failing, fixed by holding back a few", readiness({ verdict: "Fail", holdBack: users(5) }), "shrink", 5],
    ["too many to hold back", readiness({ verdict: "Fail", holdBack: users(6) }), "pause", 0],
    [
      "failing even without them",
      readiness({ verdict: "Fail", holdBack: users(1), passesAfterHoldBack: false }),
      "pause",
      0,
    ],
    ["failing with nobody to hold back", readiness({ verdict: "Fail" }), "pause", 0],
  ] as const)("%s → %s", (_name, gate, decision, heldBack) => {
    const result = decide(state, { readiness: gate }, limits);
    expect(result.decision).toBe(decision);
    expect(result.holdBack).toHaveLength(heldBack);
  });
});
