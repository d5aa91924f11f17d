import { dominantCode, emptyTally, parseUserTally } from "../../../../../shared/domain";

describe("user tallies", () => {
  const tally = {
    ...emptyTally(),
    n: 5,
    f: 3,
    e: 1,
    codes: { "500121": 2, "50074": 1, "90033": 1 },
    c: { "A | B | iOS": [5, 3] as [number, number] },
  };

  it.each([
    ["the most frequent code", undefined, 500121],
    ["ties broken by the lower code", [50074, 90033], 50074],
    ["only among the given codes", [90033], 90033],
    ["none when no code matches", [53003], null],
  ])("dominantCode: %s", (_name, among, expected) => {
    expect(dominantCode(tally, among)).toBe(expected);
  });

  it("parses a stored tally and rejects a damaged one", () => {
    expect(parseUserTally(JSON.stringify(tally))).toEqual(tally);
    expect(() => parseUserTally({ ...tally, ro: [1, 2] })).toThrow(/invalid user tally/);
  });
});
