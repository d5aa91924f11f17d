import { dominantCode, emptyTally } from "../../../../../shared/domain";

describe("user tallies", () => {
  const tally = {
    ...emptyTally(),
    attempts: 5,
    failures: 3,
    serviceFailures: 1,
    failureCodes: { "500121": 2, "50074": 1, "90033": 1 },
    byCluster: { "A | B | iOS": [5, 3] as [number, number] },
  };

  it.each([
    ["the most frequent code", undefined, 500121],
    ["ties broken by the lower code", [50074, 90033], 50074],
    ["only among the given codes", [90033], 90033],
    ["none when no code matches", [53003], null],
  ])("dominantCode: %s", (_name, among, expected) => {
    expect(dominantCode(tally, among)).toBe(expected);
  });
});
