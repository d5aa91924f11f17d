import { alwaysValidZ, mixtureRhoSquared, oneSidedZ, twoSidedZ } from "../../../../../shared/domain";

describe("always-valid z (normal-mixture confidence sequence)", () => {
  it("tunes ρ² so the boundary is tightest at the planned size: (−2 ln α + ln(1 − 2 ln α)) / n*", () => {
    // −2 ln 0.05 = 5.99146, ln(6.99146) = 1.94470: ρ²·1000 = 7.93616
    expect(mixtureRhoSquared(0.05, 1000)).toBeCloseTo(0.00793615, 7);
    expect(mixtureRhoSquared(0.05, 2000)).toBeCloseTo(0.00396808, 7);
  });

  it("gives z(n)² = (nρ²+1)/(nρ²) · ln((nρ²+1)/α²), worked by hand at n = n*", () => {
    // (8.93616 / 7.93616) · ln(8.93616 / 0.0025) = 1.126005 · 8.181563 = 9.21249
    expect(alwaysValidZ(1000, 0.05, 1000)).toBeCloseTo(Math.sqrt(9.21249), 4);
  });

  it("is wider than a single look's z everywhere and grows only slowly with n", () => {
    const z = (n: number) => alwaysValidZ(n, 0.05, 1000);
    expect(z(1000)).toBeGreaterThan(twoSidedZ(0.95));
    expect(z(100)).toBeGreaterThan(z(1000));
    expect(z(10_000)).toBeGreaterThan(z(1000));
    expect(z(1_000_000)).toBeLessThan(4);
  });

  it("is narrowest at n = n* when tuned for n*, against tunings for other sizes", () => {
    const at1000 = (tightestAt: number) => alwaysValidZ(1000, 0.05, tightestAt);
    expect(at1000(1000)).toBeLessThan(at1000(900));
    expect(at1000(1000)).toBeLessThan(at1000(1100));
  });

  it("widens as alpha shrinks (a third of the budget costs about 0.4 in z)", () => {
    expect(alwaysValidZ(1000, 0.05 / 3, 1000)).toBeCloseTo(3.4123, 3);
    expect(alwaysValidZ(1000, 0.05 / 3, 1000)).toBeGreaterThan(oneSidedZ(1 - 0.05 / 3 / 28));
  });

  it.each([
    [0, 0.05, 1000],
    [-1, 0.05, 1000],
    [Number.NaN, 0.05, 1000],
    [10, 0, 1000],
    [10, 1, 1000],
    [10, 0.05, 0],
    [10, 0.05, Number.POSITIVE_INFINITY],
  ])("rejects n=%d, alpha=%d, tightestAt=%d", (n, alpha, at) => {
    expect(() => alwaysValidZ(n, alpha, at)).toThrow(RangeError);
  });

  it("accepts the smallest sizes just inside the domain", () => {
    expect(alwaysValidZ(1e-9, 0.05, 1000)).toBeGreaterThan(100);
    expect(alwaysValidZ(10, 0.999, 1e-9)).toBeGreaterThan(0);
  });
});
