import { minSampleSizeForMargin, minSampleSizeToDetect } from "../../../../../shared/domain";

/** The planning formulas' domains at their edges, and the defaults they assume. */
describe("minSampleSizeForMargin at the edges of its inputs", () => {
  it.each([0, 1])("needs no sign-ins to know a rate of %s", (rate) => {
    expect(minSampleSizeForMargin(rate, 0.05, 0.95)).toBeCloseTo(0);
  });

  it.each([-0.001, 1.001, Number.NaN])("refuses an expected rate of %s", (rate) => {
    expect(() => minSampleSizeForMargin(rate, 0.05, 0.95)).toThrow("expected rate must be in [0, 1]");
  });

  it.each([0, 1, -0.1, Number.NaN])("refuses a margin of %s", (margin) => {
    expect(() => minSampleSizeForMargin(0.5, margin, 0.95)).toThrow("margin must be in (0, 1)");
  });

  it("accepts margins just inside (0, 1)", () => {
    expect(minSampleSizeForMargin(0.5, 0.999, 0.95)).toBe(1);
    expect(minSampleSizeForMargin(0.5, 0.001, 0.95)).toBe(960365);
  });
});

describe("minSampleSizeToDetect at the edges of its inputs", () => {
  it("assumes a power of 80% by default", () => {
    expect(minSampleSizeToDetect(0.1, 0.1, 0.975)).toBe(minSampleSizeToDetect(0.1, 0.1, 0.975, 0.8));
    expect(minSampleSizeToDetect(0.1, 0.1, 0.975, 0.9)).toBeGreaterThan(
      minSampleSizeToDetect(0.1, 0.1, 0.975),
    );
  });

  it("accepts a base rate of 0 and a raised rate of 1", () => {
    expect(minSampleSizeToDetect(0, 0.1, 0.95)).toBeGreaterThan(0);
    expect(minSampleSizeToDetect(0.9, 0.1, 0.95)).toBeGreaterThan(0);
  });

  it.each([
    ["a negative base rate", -0.01, 0.1],
    ["a raised rate above 1", 0.95, 0.1],
    ["no rise", 0.1, 0],
    ["a fall", 0.1, -0.05],
  ])("refuses %s", (_name, base, excess) => {
    expect(() => minSampleSizeToDetect(base, excess, 0.95)).toThrow("need 0 <= base < base + excess <= 1");
  });
});
