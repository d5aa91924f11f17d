import { DEFAULT_GATES, evaluateHealth, type TallySummary } from "../../../../../shared/domain";
import { summary } from "../fixtures";

/**
 * The health gate's limits on both sides of their boundaries. The excess bounds do not depend on
 * the limit, so setting `maxExcessFailureRate` to a bound the gate computed puts the wave exactly
 * on the boundary.
 */
const thresholds = { ...DEFAULT_GATES.health, minSignIns: 200, maxExcessFailureRate: 0.02, confidence: 0.95 };

const s = summary;

const evaluate = (current: TallySummary, baseline: TallySummary, limit = thresholds.maxExcessFailureRate) =>
  evaluateHealth({
    wave: { current, baseline },
    thresholds: { ...thresholds, maxExcessFailureRate: limit },
    bakeComplete: false,
  });

describe("health gate at its boundaries", () => {
  it("judges a wave with exactly minSignIns sign-ins, and waits one short of it", () => {
    expect(evaluate(s(200, 2), s(5000, 50)).verdict).not.toBe("Pending");
    const short = evaluate(s(199, 2), s(5000, 50));
    expect(short.verdict).toBe("Pending");
    expect(short.reasons).toEqual(["199 of the 200 sign-ins needed since enforcement"]);
  });

  it("fails only when the always-valid lower bound is above the limit, not at it", () => {
    const current = s(2000, 200);
    const baseline = s(2000, 20);
    const lower = evaluate(current, baseline).metrics.alwaysValidVsBaseline?.lower as number;
    expect(lower).toBeGreaterThan(0);
    expect(evaluate(current, baseline, lower).verdict).not.toBe("Fail");
    expect(evaluate(current, baseline, lower * 0.999).verdict).toBe("Fail");
  });

  it("passes when the excess's upper bound is at the limit, and not just below it", () => {
    const current = s(5000, 60);
    const baseline = s(5000, 50);
    const upper = evaluate(current, baseline).metrics.excessVsReferences?.upper as number;
    expect(upper).toBeGreaterThan(0);
    expect(evaluate(current, baseline, upper).verdict).toBe("Pass");
    expect(evaluate(current, baseline, upper * 0.999).verdict).toBe("Pending");
  });
});
