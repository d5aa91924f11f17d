import { DEFAULT_GATES, evaluateHealth, summarize } from "../../../../../shared/domain";
import { countersOf, many, summary as s, type SignInSpec } from "../fixtures";

/** Every sentence the operator reads for each verdict, with the numbers behind it. */
const thresholds = { ...DEFAULT_GATES.health, minSignIns: 200, maxExcessFailureRate: 0.02, confidence: 0.95 };

describe("the health gate's reasons", () => {
  it("Fail: the wave's rate, then each reference the excess is above the limit against, with the bake-long confidence", () => {
    const result = evaluateHealth({
      wave: { current: s(3000, 300), baseline: s(3000, 30) },
      control: { current: s(20000, 200) },
      thresholds,
      bakeComplete: false,
    });
    // maxFalseAlarmRate 5% split three ways: each bound holds with 1 − 5%/3 = 98.3% confidence.
    expect(result.verdict).toBe("Fail");
    expect(result.reasons).toEqual([
      "MFA failures at 10% of 3000 sign-ins, above the 2% excess allowed",
      "excess over its baseline 9% (at least 7.1% with 98.3% confidence over the whole bake)",
      "excess over the control cohort 9% (at least 7.2% with 98.3% confidence over the whole bake)",
    ]);
  });

  it("Pass: the wave's rate, the references pooled, then each reference alone", () => {
    const result = evaluateHealth({
      wave: { current: s(5000, 150), baseline: s(5000, 140) },
      control: { current: s(5000, 150) },
      thresholds,
      bakeComplete: false,
    });
    expect(result.verdict).toBe("Pass");
    expect(result.reasons).toEqual([
      "MFA failures at 3% of 5000 sign-ins, within the 2% excess allowed",
      "excess over its baseline and the control cohort together 0.1% (95% bounds -0.4% to 0.6%)",
      "excess over its baseline 0.2% (95% bounds -0.4% to 0.8%)",
      "excess over the control cohort 0% (95% bounds -0.6% to 0.6%)",
    ]);
  });

  it("Inconclusive at the end of the bake: what is missing, then the bounds so far", () => {
    const result = evaluateHealth({
      wave: { current: s(300, 9), baseline: s(300, 3) },
      control: { current: s(300, 3) },
      thresholds,
      bakeComplete: true,
    });
    expect(result.verdict).toBe("Inconclusive");
    expect(result.reasons).toEqual([
      "not enough evidence yet to tell whether the excess is below 2%",
      "excess over its baseline and the control cohort together 2% (95% bounds 0.4% to 4.1%)",
      "excess over its baseline 2% (95% bounds 0.07% to 4.2%)",
      "excess over the control cohort 2% (95% bounds 0.07% to 4.2%)",
    ]);
  });

  it("Pending without sign-ins of the wave: rates of 0, no bounds", () => {
    const result = evaluateHealth({
      wave: { current: s(0, 0), baseline: s(300, 3) },
      control: { current: s(0, 0) },
      thresholds: { ...thresholds, minSignIns: 0 },
      bakeComplete: false,
    });
    expect(result.verdict).toBe("Pending");
    expect(result.reasons).toEqual(["no baseline or control sign-ins to compare the wave with"]);
    expect(result.metrics).toMatchObject({
      wave: { signIns: 0, failures: 0, rate: 0 },
      control: { signIns: 0, failures: 0, rate: 0 },
      excessVsBaseline: null,
      excessVsControl: null,
      excessVsReferences: null,
      designEffect: { wave: 1, baseline: null, control: null },
    });
  });

  it("Pass against the baseline alone: no pooled bound to report", () => {
    const result = evaluateHealth({
      wave: { current: s(5000, 150), baseline: s(5000, 140) },
      thresholds,
      bakeComplete: false,
    });
    expect(result.verdict).toBe("Pass");
    expect(result.reasons).toEqual([
      "MFA failures at 3% of 5000 sign-ins, within the 2% excess allowed",
      "excess over its baseline 0.2% (95% bounds -0.4% to 0.8%)",
    ]);
  });

  it("Fail against the control cohort alone when the wave has no baseline", () => {
    const result = evaluateHealth({
      wave: { current: s(3000, 300), baseline: s(0, 0) },
      control: { current: s(20000, 200) },
      thresholds,
      bakeComplete: false,
    });
    expect(result.verdict).toBe("Fail");
    expect(result.reasons).toEqual([
      "MFA failures at 10% of 3000 sign-ins, above the 2% excess allowed",
      "excess over the control cohort 9% (at least 7.2% with 98.3% confidence over the whole bake)",
    ]);
  });

  it("pools the baseline and the control cohort as one reference holding both cohorts' users", () => {
    // In each cohort one heavy user fails 10 of 10 attempts among 19 who never fail: clustered
    // failures, which widen a bound. Pooled, the two must count as the 40 users they are.
    const cohort = (first: number): SignInSpec[] => [
      ...many(10, { user: first, code: 500121 }),
      ...Array.from({ length: 19 }, (_, i) => many(10, { user: first + 1 + i })).flat(),
    ];
    const wave = summarize(
      countersOf(Array.from({ length: 40 }, (_, i) => many(10, { user: 500 + i })).flat()),
    );
    const baseline = cohort(100);
    const control = cohort(200);
    const pooled = evaluateHealth({
      wave: { current: wave, baseline: summarize(countersOf(baseline)) },
      control: { current: summarize(countersOf(control)) },
      thresholds,
      bakeComplete: false,
    }).metrics.excessVsReferences;
    const asOneMetrics = evaluateHealth({
      wave: { current: wave, baseline: summarize(countersOf([...baseline, ...control])) },
      thresholds,
      bakeComplete: false,
    }).metrics;
    expect(asOneMetrics.designEffect.baseline).toBeGreaterThan(1);
    const asOne = asOneMetrics.excessVsReferences;
    expect(pooled?.lower).toBeCloseTo(asOne?.lower as number, 10);
    expect(pooled?.upper).toBeCloseTo(asOne?.upper as number, 10);
  });
});
