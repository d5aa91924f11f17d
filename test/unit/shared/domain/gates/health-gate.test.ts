import { DEFAULT_GATES, emptySummary, evaluateHealth, type TallySummary } from "../../../../../shared/domain";

const thresholds = { ...DEFAULT_GATES.health, minSignIns: 200, maxExcessFailureRate: 0.02, confidence: 0.95 };

function s(signIns: number, failures: number, extra: Partial<TallySummary> = {}): TallySummary {
  return { ...emptySummary(), users: Math.max(1, Math.ceil(signIns / 10)), signIns, failures, ...extra };
}

describe("health gate", () => {
  it.each([
    ["too few sign-ins during the bake", s(150, 0), s(2000, 20), false, "Pending", /150 of the 200 sign-ins/],
    [
      "too few sign-ins at the end of the bake",
      s(150, 0),
      s(2000, 20),
      true,
      "Inconclusive",
      /150 of the 200/,
    ],
    ["a flat rate with plenty of evidence", s(5000, 50), s(5000, 50), false, "Pass", /within the 2% excess/],
    ["a clear rise above the limit", s(2000, 200), s(2000, 20), false, "Fail", /above the 2% excess/],
    ["a rise within the limit", s(20000, 300), s(20000, 200), false, "Pass", /within/],
    ["a rise the evidence cannot place yet", s(300, 9), s(300, 3), false, "Pending", /not enough evidence/],
    ["the same, once the bake is over", s(300, 9), s(300, 3), true, "Inconclusive", /not enough evidence/],
  ])("%s", (_name, current, baseline, bakeComplete, verdict, reason) => {
    const result = evaluateHealth({ wave: { current, baseline }, thresholds, bakeComplete });
    expect(result.verdict).toBe(verdict);
    expect(result.reasons[0]).toMatch(reason);
  });

  it("reports sample sizes, rates and bounds", () => {
    const result = evaluateHealth({
      wave: { current: s(2000, 200), baseline: s(2000, 20) },
      thresholds,
      bakeComplete: false,
    });
    expect(result.metrics.wave).toEqual({ signIns: 2000, failures: 200, rate: 0.1 });
    expect(result.metrics.excessVsBaseline?.estimate).toBeCloseTo(0.09);
    expect(result.metrics.excessVsBaseline?.lower).toBeGreaterThan(0.07);
    expect(result.metrics.excessVsControl).toBeNull();
  });

  it("fails against the control cohort even when the baseline was already bad", () => {
    const result = evaluateHealth({
      wave: { current: s(3000, 300), baseline: s(500, 45) },
      control: { current: s(20000, 200) },
      thresholds,
      bakeComplete: false,
    });
    expect(result.verdict).toBe("Fail");
    expect(result.reasons.join(" ")).toMatch(/control cohort/);
  });

  it("passes against the baseline and the control cohort pooled, so a tiny reference cannot veto", () => {
    const wave = { current: s(5000, 150), baseline: s(5000, 140) };
    expect(evaluateHealth({ wave, thresholds, bakeComplete: false }).verdict).toBe("Pass");
    const result = evaluateHealth({
      wave,
      control: { current: s(60, 1) },
      thresholds,
      bakeComplete: false,
    });
    // the 60 control sign-ins alone leave room for a 2% excess; with the baseline's 5000 they do not
    expect(result.metrics.excessVsControl?.upper).toBeGreaterThan(0.02);
    expect(result.verdict).toBe("Pass");
    expect(result.reasons[1]).toMatch(/^excess over its baseline and the control cohort together/);
  });

  it("passes only once the pooled references leave no room for the limit: 24 of 600 passes, 25 does not", () => {
    const at = (failures: number) =>
      evaluateHealth({
        wave: { current: s(600, failures), baseline: s(300, 12) },
        control: { current: s(300, 12) },
        thresholds,
        bakeComplete: false,
      });
    expect(at(24).metrics.excessVsReferences?.upper).toBeLessThanOrEqual(0.02);
    expect(at(24).verdict).toBe("Pass");
    expect(at(25).metrics.excessVsReferences?.upper).toBeGreaterThan(0.02);
    expect(at(25).verdict).toBe("Pending");
  });

  it("waits when there is nothing to compare with", () => {
    const result = evaluateHealth({
      wave: { current: s(500, 5), baseline: s(0, 0) },
      thresholds,
      bakeComplete: true,
    });
    expect(result.verdict).toBe("Inconclusive");
    expect(result.reasons[0]).toMatch(/no baseline or control/);
  });
});
