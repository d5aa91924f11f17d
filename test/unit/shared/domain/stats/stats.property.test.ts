import fc from "fast-check";
import { newcombeInterval, twoSidedZ, wilsonInterval } from "../../../../../shared/domain";

const counts = fc
  .integer({ min: 1, max: 5000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe("intervals (properties)", () => {
  it("Wilson stays in [0, 1], contains the estimate, and widens with confidence", () => {
    fc.assert(
      fc.property(counts, ([x, n]) => {
        const narrow = wilsonInterval(x, n, twoSidedZ(0.8));
        const wide = wilsonInterval(x, n, twoSidedZ(0.99));
        for (const i of [narrow, wide]) {
          expect(i.lower).toBeGreaterThanOrEqual(0);
          expect(i.upper).toBeLessThanOrEqual(1);
          expect(i.lower).toBeLessThanOrEqual(i.estimate + 1e-12);
          expect(i.upper).toBeGreaterThanOrEqual(i.estimate - 1e-12);
        }
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower + 1e-12);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - 1e-12);
      }),
    );
  });

  it("Newcombe stays in [-1, 1], contains the difference, and is antisymmetric", () => {
    fc.assert(
      fc.property(counts, counts, ([x1, n1], [x2, n2]) => {
        const z = twoSidedZ(0.95);
        const ab = newcombeInterval({ x: x1, n: n1 }, { x: x2, n: n2 }, z);
        const ba = newcombeInterval({ x: x2, n: n2 }, { x: x1, n: n1 }, z);
        expect(ab.lower).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(ab.upper).toBeLessThanOrEqual(1 + 1e-12);
        expect(ab.lower).toBeLessThanOrEqual(ab.estimate + 1e-12);
        expect(ab.upper).toBeGreaterThanOrEqual(ab.estimate - 1e-12);
        expect(ba.lower).toBeCloseTo(-ab.upper, 10);
        expect(ba.upper).toBeCloseTo(-ab.lower, 10);
      }),
    );
  });
});
