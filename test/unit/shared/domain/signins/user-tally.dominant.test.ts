import { dominantCode, emptyTally } from "../../../../../shared/domain/signins/user-tally";

describe("dominantCode (the code a user's failed attempts mostly ended on)", () => {
  const tally = (codes: Record<string, number>) => ({ ...emptyTally(), failureCodes: codes });

  it("takes the most frequent code, the lower one on a tie, in any order the codes were stored", () => {
    expect(dominantCode(tally({ "50074": 2, "500121": 5, "50076": 5 }))).toBe(50076);
    expect(dominantCode(tally({ "50076": 5, "500121": 5, "50074": 2 }))).toBe(50076);
    expect(dominantCode(tally({ "50074": 1, "50076": 3 }))).toBe(50076);
    expect(dominantCode(tally({ "50076": 3, "50074": 1 }))).toBe(50076);
  });

  it("looks only among the codes asked for, and answers null without any", () => {
    expect(dominantCode(tally({ "50074": 1, "500121": 4 }), [50074, 50076])).toBe(50074);
    expect(dominantCode(tally({ "500121": 4 }), [50074])).toBeNull();
    expect(dominantCode(tally({}))).toBeNull();
  });
});
