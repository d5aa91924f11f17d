import { describeOverlap, populationOverlap } from "../../../../../shared/domain";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => id(from + i));

describe("populationOverlap", () => {
  it("counts each shared user once, and per other rollout, largest first", () => {
    const overlap = populationOverlap(ids(1, 10), [
      { rolloutId: "small", userIds: ids(9, 20) },
      { rolloutId: "large", userIds: ids(5, 10) },
      { rolloutId: "apart", userIds: ids(50, 60) },
    ]);
    expect(overlap).toEqual({
      users: 6,
      rollouts: [
        { rolloutId: "large", users: 6 },
        { rolloutId: "small", users: 2 },
      ],
    });
    expect(describeOverlap(overlap)).toBe(
      "6 user(s) of this population are also in active rollout(s) large (6), small (2)",
    );
  });

  it("compares object ids case-insensitively, as Graph does", () => {
    const upper = id(3).toUpperCase();
    expect(populationOverlap([upper], [{ rolloutId: "other", userIds: [id(3)] }]).users).toBe(1);
  });

  it("finds nothing without other rollouts or shared users", () => {
    expect(populationOverlap(ids(1, 3), [])).toEqual({ users: 0, rollouts: [] });
    expect(populationOverlap([], [{ rolloutId: "other", userIds: ids(1, 3) }])).toEqual({
      users: 0,
      rollouts: [],
    });
  });
});
