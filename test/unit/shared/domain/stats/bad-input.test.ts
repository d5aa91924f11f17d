import {
  alwaysValidZ,
  brokenRateLogLikelihoodRatio,
  effectiveProportion,
  isBrokenBeyondNoise,
  mixtureRhoSquared,
  normalQuantile,
  twoSidedZ,
  wilsonInterval,
  wilsonIntervalOfEffective,
} from "../../../../../shared/domain";

/**
 * The statistics refuse input that cannot come from counts, naming the value, so a caller's bug
 * (a negative rate, failures above attempts) is an error someone can read, not a NaN in a gate.
 */
const z95 = twoSidedZ(0.95);
const test = { baseRate: 0.04, brokenRate: 0.5, alpha: 0.05, candidates: 1 };
const moments = { users: 2, n: 5, f: 1, nn: 13, ff: 1, nf: 3 };

describe("the statistics refuse impossible input, saying what was wrong", () => {
  it.each([
    [
      "a fractional count",
      () => wilsonInterval(1.5, 3, z95),
      "whole numbers 0 <= successes <= trials, got 1.5/3",
    ],
    [
      "fractional trials",
      () => wilsonInterval(1, 3.5, z95),
      "whole numbers 0 <= successes <= trials, got 1/3.5",
    ],
    ["more successes than trials", () => wilsonInterval(4, 3, z95), "got 4/3"],
  ])("wilsonInterval: %s", (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it.each([
    ["NaN successes", Number.NaN, 3],
    ["infinite trials", 1, Number.POSITIVE_INFINITY],
    ["negative successes", -0.5, 3],
    ["more successes than trials", 3.5, 3],
  ])("wilsonIntervalOfEffective: %s", (_name, successes, trials) => {
    const call = () => wilsonIntervalOfEffective(successes, trials, z95);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(`wilson interval needs 0 <= successes <= trials, got ${successes}/${trials}`);
  });

  it("wilsonIntervalOfEffective accepts every attempt failing, in effective (fractional) counts", () => {
    expect(wilsonIntervalOfEffective(2.5, 2.5, z95)).toMatchObject({ estimate: 1, upper: 1 });
  });

  it.each([0, 1, -0.1, Number.NaN])("normalQuantile(%d) is refused", (p) => {
    expect(() => normalQuantile(p)).toThrow(`normal quantile needs 0 < p < 1, got ${p}`);
  });

  it("brokenRateLogLikelihoodRatio names each impossible input", () => {
    expect(() => brokenRateLogLikelihoodRatio(3, 4, 0.04, 0.5)).toThrow(
      "need whole numbers 0 <= failures <= attempts, got 4/3",
    );
    expect(() => brokenRateLogLikelihoodRatio(3, 1, -0.1, 0.5)).toThrow(
      "base rate must be in [0, 1), got -0.1",
    );
    expect(() => brokenRateLogLikelihoodRatio(3, 1, 1, 0.5)).toThrow("base rate must be in [0, 1), got 1");
    expect(() => brokenRateLogLikelihoodRatio(3, 1, 0.5, 0.4)).toThrow(
      "broken rate must be in (base rate, 1), got 0.4 over 0.5",
    );
  });

  it("isBrokenBeyondNoise names a bad alpha or candidates count", () => {
    expect(() => isBrokenBeyondNoise(3, 1, { ...test, alpha: 1 })).toThrow("alpha must be in (0, 1), got 1");
    expect(() => isBrokenBeyondNoise(3, 1, { ...test, candidates: 0 })).toThrow(
      "candidates must be a whole number >= 1, got 0",
    );
  });

  it("effectiveProportion refuses negative users and names failures above attempts", () => {
    expect(() => effectiveProportion({ ...moments, users: -1 })).toThrow(RangeError);
    expect(() => effectiveProportion({ ...moments, f: 6 })).toThrow(
      "cluster moments need 0 <= failures <= attempts, got 6/5",
    );
  });

  it("effectiveProportion of a cohort with no attempts yet is an empty count, not an error", () => {
    expect(effectiveProportion({ users: 0, n: 0, f: 0, nn: 0, ff: 0, nf: 0 })).toEqual({
      x: 0,
      n: 0,
      designEffect: 1,
    });
  });

  it("the confidence sequence names a bad size, alpha or tightest point", () => {
    expect(() => alwaysValidZ(0, 0.05, 1000)).toThrow("n must be a positive number, got 0");
    expect(() => alwaysValidZ(10, 0, 1000)).toThrow("alpha must be in (0, 1), got 0");
    expect(() => mixtureRhoSquared(0.05, 0)).toThrow(
      "tightestAt must be a positive number of observations, got 0",
    );
  });
});
