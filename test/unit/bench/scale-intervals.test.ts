import { elementaryPieces, mergeIntervals } from "../../../bench/scale-intervals";

describe("window pieces for read amplification", () => {
  it("joins overlapping and touching windows into their union", () => {
    expect(
      mergeIntervals([
        { from: 5, to: 8 },
        { from: 0, to: 5 },
        { from: 10, to: 12 },
        { from: 11, to: 11 },
      ]),
    ).toEqual([
      { from: 0, to: 8 },
      { from: 10, to: 12 },
    ]);
  });

  it("cuts windows at every boundary and keeps each covered piece once", () => {
    // An observation re-reading a bake's hours: [0,10] and [4,14] are three pieces, not two windows.
    expect(
      elementaryPieces([
        { from: 0, to: 10 },
        { from: 4, to: 14 },
        { from: 20, to: 22 },
      ]),
    ).toEqual([
      { from: 0, to: 4 },
      { from: 4, to: 10 },
      { from: 10, to: 14 },
      { from: 20, to: 22 },
    ]);
  });

  it("leaves incremental reads as they are: nothing overlaps", () => {
    const reads = [
      { from: 0, to: 6 },
      { from: 6, to: 12 },
      { from: 12, to: 18 },
    ];
    expect(elementaryPieces(reads)).toEqual(reads);
  });
});
