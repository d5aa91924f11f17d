import {
  minSampleSizeForMargin,
  minSampleSizeToDetect,
  newcombeInterval,
  normalQuantile,
  oneSidedZ,
  twoSidedZ,
  wilsonInterval,
} from "../../../../../shared/domain";

const z95 = twoSidedZ(0.95);

describe("normal quantile", () => {
  it.each([
    [0.975, 1.959964],
    [0.95, 1.644854],
    [0.5, 0],
    [0.999, 3.090232],
    [0.001, -3.090232],
    [0.01, -2.326348],
  ])("Φ⁻¹(%d) = %d", (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 5);
  });

  it("maps confidence to one- and two-sided z", () => {
    expect(oneSidedZ(0.95)).toBeCloseTo(1.644854, 5);
    expect(twoSidedZ(0.99)).toBeCloseTo(2.575829, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe("Wilson score interval (Newcombe 1998, single proportions)", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [20, 20, 0.8389, 1],
  ])("%i/%i → [%d, %d]", (x, n, lower, upper) => {
    const interval = wilsonInterval(x, n, z95);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
    expect(interval.estimate).toBeCloseTo(x / n, 10);
  });

  it("knows nothing from no trials and rejects impossible counts", () => {
    expect(wilsonInterval(0, 0, z95)).toEqual({ estimate: 0, lower: 0, upper: 1 });
    expect(() => wilsonInterval(5, 3, z95)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 3, z95)).toThrow(RangeError);
  });
});

describe("Newcombe hybrid score interval for a difference (method 10)", () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])("%i/%i − %i/%i → [%d, %d]", (x1, n1, x2, n2, lower, upper) => {
    const interval = newcombeInterval({ x: x1, n: n1 }, { x: x2, n: n2 }, z95);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it("narrows as samples grow", () => {
    const small = newcombeInterval({ x: 6, n: 100 }, { x: 2, n: 100 }, z95);
    const large = newcombeInterval({ x: 600, n: 10000 }, { x: 200, n: 10000 }, z95);
    expect(large.upper - large.lower).toBeLessThan((small.upper - small.lower) / 5);
    expect(large.lower).toBeGreaterThan(0.03);
  });
});

describe("sample sizes", () => {
  it("margin of ±5% around 50% at 95% needs the classic 385", () => {
    expect(minSampleSizeForMargin(0.5, 0.05, 0.95)).toBe(385);
  });

  it("detecting 10% → 20% (two-sided 5%, power 80%) needs the classic 199 per group", () => {
    expect(minSampleSizeToDetect(0.1, 0.1, 0.975, 0.8)).toBe(199);
  });

  it("smaller effects need more samples", () => {
    expect(minSampleSizeToDetect(0.01, 0.01, 0.95)).toBeGreaterThan(minSampleSizeToDetect(0.01, 0.05, 0.95));
    expect(() => minSampleSizeToDetect(0.5, 0, 0.95)).toThrow(RangeError);
  });
});
