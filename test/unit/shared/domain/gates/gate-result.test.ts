import { errorBudget } from "../../../../../shared/domain";
import { percent } from "../../../../../shared/domain/gates/gate-result";

describe("percent: rates in reasons", () => {
  it.each([
    [0.02, "2%"],
    [0.025, "2.5%"],
    [0.01, "1%"],
    [0.0099, "1%"],
    [0.0004, "0.04%"],
    [0, "0%"],
    [1, "100%"],
    [-0.0004, "-0.04%"],
    [-0.015, "-1.5%"],
  ])("%s → %s", (share, text) => {
    expect(percent(share)).toBe(text);
  });
});

describe("errorBudget: one false-alarm rate split over the gates", () => {
  it("gives the health and systemic checks a third each, and splits the hold-back third 80/20 with the spread check", () => {
    const budget = errorBudget(
      { maxFalseAlarmRate: 0.06, tightestAtAttempts: 500 },
      { brokenFailureRate: 0.5 },
    );
    expect(budget.health).toEqual({ alpha: 0.02, tightestAt: 500 });
    expect(budget.systemic).toEqual({ alpha: 0.02, tightestAt: 500 });
    expect(budget.holdBack.alpha).toBeCloseTo(0.016);
    expect(budget.holdBack.brokenRate).toBe(0.5);
    expect(budget.spread.alpha).toBeCloseTo(0.004);
  });
});
