import { driftSeconds, shareWithDriftScaled } from "../../../bench/drift-share";

describe("drift replay arithmetic", () => {
  const waves = [
    { before: 0, after: 1_000, full: 0.1, deltaAfterAdding: 0.2, deltaQuiet: 0.05 },
    { before: 1_000, after: 100_000, full: 0.5, deltaAfterAdding: 2, deltaQuiet: 0.25 },
  ];

  it("prices every check before at the full read, after at one read of the additions and quiet reads, plus the first full read", () => {
    const { before, after } = driftSeconds(waves, 4);
    expect(before).toBeCloseTo(4 * 0.1 + 4 * 0.5);
    expect(after).toBeCloseTo(0.1 + (0.2 + 3 * 0.05) + (2 + 3 * 0.25));
    expect(driftSeconds([], 4)).toEqual({ before: 0, after: 0 });
  });

  it("scales the drift part of a share and keeps the rest of the wall time", () => {
    // 6.3 % of 100 s is drift; at a quarter of it: 1.575 s of 95.275 s.
    expect(shareWithDriftScaled(6.3, 0.25)).toBe(1.65);
    expect(shareWithDriftScaled(6.3, 1)).toBe(6.3);
    expect(shareWithDriftScaled(6.3, 0)).toBe(0);
  });
});
