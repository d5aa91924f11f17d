import { clusterMomentsOf, effectiveProportion } from "../../../../../shared/domain";

describe("cluster-robust effective sample (users as clusters)", () => {
  it("sums each user's attempts, failures and their squares", () => {
    expect(
      clusterMomentsOf([
        [3, 1],
        [0, 0],
        [5, 2],
      ]),
    ).toEqual({ users: 2, n: 8, f: 3, nn: 34, ff: 5, nf: 13 });
  });

  it("shrinks a wave whose failures are one heavy user's to a handful of effective attempts", () => {
    // 200 attempts with 100 failures, and 14 users with 20 clean attempts each: p = 100/480.
    // Σ residuals² = 58.33² + 14 · 4.167² = 3645.8; × 15/14 / 480² = 0.016954; p(1−p)/480 = 0.00034361.
    const heavy = effectiveProportion(
      clusterMomentsOf([[200, 100], ...Array.from({ length: 14 }, () => [20, 0] as [number, number])]),
    );
    expect(heavy.designEffect).toBeCloseTo(49.342, 2);
    expect(heavy.n).toBeCloseTo(480 / 49.342, 2);
    expect(heavy.x / heavy.n).toBeCloseTo(100 / 480, 10);
  });

  it("never counts correlated users as more than independent attempts (design effect at least 1)", () => {
    // Every user fails exactly at the pooled rate: no spread, robust variance 0.
    expect(
      effectiveProportion(
        clusterMomentsOf([
          [10, 1],
          [10, 1],
          [10, 1],
          [10, 1],
        ]),
      ),
    ).toEqual({
      x: 4,
      n: 40,
      designEffect: 1,
    });
  });

  it("scales just above a design effect of 1 and leaves it just below alone", () => {
    // Two users: residual variance is 2·Σr²/n²; against p(1−p)/n. [10,2],[10,0]: deff = 2·2/20 / (0.1·0.9) = 2.222.
    expect(
      effectiveProportion(
        clusterMomentsOf([
          [10, 2],
          [10, 0],
        ]),
      ).designEffect,
    ).toBeCloseTo(2.2222, 3);
    // [10,1],[10,0]: Σr² = 0.5, robust 2·0.5/400 = 0.0025, independent 0.05·0.95/20 = 0.002375: deff 1.0526
    expect(
      effectiveProportion(
        clusterMomentsOf([
          [10, 1],
          [10, 0],
        ]),
      ).designEffect,
    ).toBeCloseTo(1.0526, 3);
    // [20,1],[20,1],[10,0]: robust var < independent: stays 1
    expect(
      effectiveProportion(
        clusterMomentsOf([
          [20, 1],
          [20, 1],
          [10, 0],
        ]),
      ).designEffect,
    ).toBe(1);
  });

  it.each([
    ["one user (no spread to measure)", [[50, 10]]],
    [
      "no failures",
      [
        [10, 0],
        [90, 0],
      ],
    ],
    [
      "only failures",
      [
        [10, 10],
        [90, 90],
      ],
    ],
  ] as [string, [number, number][]][])("keeps the counts as they are with %s", (_name, users) => {
    const m = clusterMomentsOf(users);
    expect(effectiveProportion(m)).toEqual({ x: m.f, n: m.n, designEffect: 1 });
  });

  it("rejects moments that cannot come from counts", () => {
    expect(() => effectiveProportion({ users: 2, n: 5, f: 6, nn: 0, ff: 0, nf: 0 })).toThrow(RangeError);
    expect(() => effectiveProportion({ users: 2, n: 5, f: -1, nn: 0, ff: 0, nf: 0 })).toThrow(RangeError);
  });
});
