import { brokenRateLogLikelihoodRatio, isBrokenBeyondNoise } from "../../../../../shared/domain";

const ln = Math.log;

describe("evidence that one user's attempts are broken (sequential likelihood ratio)", () => {
  it("adds ln(q₁/p₀) per failure and ln((1−q₁)/(1−p₀)) per success", () => {
    expect(brokenRateLogLikelihoodRatio(4, 4, 0.04, 0.5)).toBeCloseTo(4 * ln(12.5), 12);
    expect(brokenRateLogLikelihoodRatio(5, 4, 0.04, 0.5)).toBeCloseTo(4 * ln(12.5) + ln(0.5 / 0.96), 12);
    expect(brokenRateLogLikelihoodRatio(0, 0, 0.04, 0.5)).toBe(0);
  });

  it("counts any failure as decisive when nobody failed before (base rate 0)", () => {
    expect(brokenRateLogLikelihoodRatio(3, 1, 0, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(brokenRateLogLikelihoodRatio(3, 0, 0, 0.5)).toBeCloseTo(3 * ln(0.5), 12);
  });

  const test = (candidates: number) => ({ baseRate: 0.04, brokenRate: 0.5, alpha: 0.05 / 3, candidates });

  it("pins the threshold ln(candidates / alpha) from both sides", () => {
    // 4 of 5 failed: ln Λ = 9.4506; ln(200 / (0.05/3)) = 9.3927 < 9.4506 < 9.4880 = ln(220 / (0.05/3))
    expect(isBrokenBeyondNoise(5, 4, test(200))).toBe(true);
    expect(isBrokenBeyondNoise(5, 4, test(220))).toBe(false);
    // 4 of 4: ln Λ = 10.103, enough for 220 candidates
    expect(isBrokenBeyondNoise(4, 4, test(220))).toBe(true);
  });

  it("calls a likelihood ratio exactly at the threshold broken", () => {
    // base 0.25, broken 0.5: each failure is ln 2; 4 of 4 is ln 16 = ln(4 / 0.25)
    const exact = { baseRate: 0.25, brokenRate: 0.5, alpha: 0.25, candidates: 4 };
    expect(isBrokenBeyondNoise(4, 4, exact)).toBe(true);
    expect(isBrokenBeyondNoise(4, 3, exact)).toBe(false);
  });

  it("does not name a user for base-rate noise: 2 of 3, 3 of 20, 12 of 300 at a 4% base rate", () => {
    expect(isBrokenBeyondNoise(3, 2, test(40))).toBe(false);
    expect(isBrokenBeyondNoise(20, 3, test(40))).toBe(false);
    expect(isBrokenBeyondNoise(300, 12, test(40))).toBe(false);
  });

  it("names a user whose app ends every attempt at the prompt after four attempts, not three", () => {
    expect(isBrokenBeyondNoise(4, 4, test(120))).toBe(true);
    expect(isBrokenBeyondNoise(3, 3, test(120))).toBe(false);
  });

  it("never names anyone when the base rate is already at the broken rate", () => {
    expect(isBrokenBeyondNoise(10, 10, { ...test(1), baseRate: 0.5 })).toBe(false);
    expect(isBrokenBeyondNoise(10, 10, { ...test(1), baseRate: 0.6 })).toBe(false);
  });

  it.each([
    [() => brokenRateLogLikelihoodRatio(3, 4, 0.04, 0.5)],
    [() => brokenRateLogLikelihoodRatio(3.5, 1, 0.04, 0.5)],
    [() => brokenRateLogLikelihoodRatio(3, -1, 0.04, 0.5)],
    [() => brokenRateLogLikelihoodRatio(3, 1, -0.1, 0.5)],
    [() => brokenRateLogLikelihoodRatio(3, 1, 1, 0.5)],
    [() => brokenRateLogLikelihoodRatio(3, 1, 0.5, 0.5)],
    [() => brokenRateLogLikelihoodRatio(3, 1, 0.04, 1)],
    [() => isBrokenBeyondNoise(3, 1, { ...test(1), alpha: 0 })],
    [() => isBrokenBeyondNoise(3, 1, { ...test(1), alpha: 1 })],
    [() => isBrokenBeyondNoise(3, 1, test(0))],
    [() => isBrokenBeyondNoise(3, 1, test(1.5))],
  ])("rejects impossible input %#", (call) => {
    expect(call).toThrow(RangeError);
  });
});
