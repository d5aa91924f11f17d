import { dominantCode, emptyTally, mergeTallies, parseUserTally } from "../../../../../shared/domain";

describe("user tallies", () => {
  const a = {
    ...emptyTally(),
    n: 3,
    f: 2,
    codes: { "500121": 1, "50074": 1 },
    c: { "A | B | iOS": [3, 2] as [number, number] },
  };
  const b = {
    ...emptyTally(),
    n: 2,
    f: 1,
    e: 1,
    codes: { "500121": 1, "90033": 1 },
    c: { "A | B | iOS": [2, 1] as [number, number] },
  };

  it("merge adds every field and leaves the inputs alone", () => {
    expect(mergeTallies(a, b)).toEqual({
      n: 5,
      f: 3,
      e: 1,
      l: 0,
      ro: [0, 0, 0, 0],
      codes: { "500121": 2, "50074": 1, "90033": 1 },
      c: { "A | B | iOS": [5, 3] },
    });
    expect(a.n).toBe(3);
  });

  it.each([
    ["the most frequent code", undefined, 500121],
    ["ties broken by the lower code", [50074, 90033], 50074],
    ["only among the given codes", [90033], 90033],
    ["none when no code matches", [53003], null],
  ])("dominantCode: %s", (_name, among, expected) => {
    expect(dominantCode(mergeTallies(a, b), among)).toBe(expected);
  });

  it("parses a stored tally and rejects a damaged one", () => {
    expect(parseUserTally(JSON.stringify(a))).toEqual(a);
    expect(() => parseUserTally({ ...a, ro: [1, 2] })).toThrow(/invalid user tally/);
  });
});
