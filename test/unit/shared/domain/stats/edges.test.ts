import {
  alwaysValidExcess,
  clusterMomentsOf,
  excessRateBounds,
  newcombeInterval,
  oneSidedZ,
  twoSidedZ,
  wilsonInterval,
} from "../../../../../shared/domain";

const z95 = twoSidedZ(0.95);

describe("the statistics at the edges of their input", () => {
  // Without the clamp, floating dust leaves 0/21 a lower bound of about 1e-17 and 13/13 an upper
  // bound just under 1: a report would show "0.0000000000000001 %" for no failures at all.
  it("no failures has a lower bound of exactly 0, all failures an upper bound of exactly 1", () => {
    for (const n of [21, 39, 42]) expect(wilsonInterval(0, n, z95).lower).toBe(0);
    for (const n of [6, 13, 25]) expect(wilsonInterval(n, n, z95).upper).toBe(1);
  });

  it("a reference with no attempts yet gives the widest always-valid bounds, not an error", () => {
    const wave = clusterMomentsOf([
      [20, 1],
      [20, 0],
    ]);
    const bounds = alwaysValidExcess(wave, clusterMomentsOf([]), 0.05, 1000);
    expect(bounds.estimate).toBeCloseTo(1 / 40, 10);
    expect(bounds.lower).toBeLessThan(-0.9);
    expect(bounds.upper).toBeGreaterThan(0);
  });

  it("excessRateBounds are Newcombe's interval at the one-sided z of the confidence", () => {
    const wave = { x: 12, n: 200 };
    const reference = { x: 40, n: 2000 };
    const bounds = excessRateBounds(wave, reference, 0.95);
    expect(bounds).toEqual(newcombeInterval(wave, reference, oneSidedZ(0.95)));
    expect(bounds.estimate).toBeCloseTo(0.04, 10);
    expect(bounds.lower).toBeGreaterThan(0);
  });
});
