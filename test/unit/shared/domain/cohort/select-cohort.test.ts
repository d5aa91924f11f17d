import { selectCohort, shareSize, stableOrder, type CohortRequest } from "../../../../../shared/domain";
import { u } from "../fixtures";

const population = Array.from({ length: 20 }, (_, i) => u(i + 1));
const base: CohortRequest = {
  rolloutId: "r1",
  populationIds: population,
  assigned: [],
  breakGlass: [u(99)],
  select: { share: 1 },
};

describe("selectCohort", () => {
  it("by group: members in the population, minus break-glass and earlier waves", () => {
    const result = selectCohort({
      ...base,
      populationIds: [...population, u(99)],
      assigned: [u(2)],
      select: { groupId: u(500) },
      groupMembers: [u(3), u(1), u(2), u(99), u(77), u(3)],
    });
    expect(result.userIds).toEqual([u(1), u(3)]);
    expect(result.skipped).toEqual({ breakGlass: 1, earlierWave: 1, outsidePopulation: 1 });
  });

  it("by user ids: case-insensitive, sorted and unique", () => {
    const result = selectCohort({ ...base, select: { userIds: [u(5).toUpperCase(), u(4), u(5)] } });
    expect(result.userIds).toEqual([u(4), u(5)]);
  });

  it("by group without resolved members is a caller bug, not an empty wave", () => {
    expect(() => selectCohort({ ...base, select: { groupId: u(500) } })).toThrow(/not resolved/);
  });

  it.each([
    [{ share: 1 }, 18],
    [{ share: 0.5 }, 9],
    [{ share: 0.15 }, 3], // 2.7 rounds up: a positive share is never empty
    [{ count: 4 }, 4],
    [{ count: 50 }, 18],
  ])("%j of the 18 remaining users takes %i", (select, expected) => {
    const result = selectCohort({ ...base, assigned: [u(1), u(2)], select });
    expect(result.userIds).toHaveLength(expected);
    expect(result.userIds).not.toContain(u(1));
    expect(result.userIds).not.toContain(u(2));
  });

  it("never selects break-glass even if it is in the population", () => {
    const result = selectCohort({ ...base, populationIds: [...population, u(99)], select: { share: 1 } });
    expect(result.userIds).not.toContain(u(99));
    expect(result.userIds).toHaveLength(20);
  });

  it("is deterministic whatever the input order, and depends on the rollout id", () => {
    const a = selectCohort({ ...base, select: { count: 5 } });
    const b = selectCohort({ ...base, populationIds: [...population].reverse(), select: { count: 5 } });
    expect(b.userIds).toEqual(a.userIds);
    const others = ["r2", "r3", "r4"].map(
      (rolloutId) => selectCohort({ ...base, rolloutId, select: { count: 5 } }).userIds,
    );
    expect(others.some((ids) => ids.join() !== a.userIds.join())).toBe(true);
  });

  it("takes a spread of users, not the lowest ids", () => {
    const result = selectCohort({ ...base, select: { count: 10 } });
    expect(result.userIds).not.toEqual(population.slice(0, 10));
  });
});

describe("stableOrder", () => {
  it("is a permutation of its input", () => {
    expect([...stableOrder("r", population)].sort()).toEqual(population);
  });
});

describe("shareSize", () => {
  it.each([
    [0.3, 10, 3],
    [0.1, 10, 1],
    [0.01, 10, 1],
    [1, 7, 7],
    [0.5, 0, 0],
  ])("share %d of %i is %i", (share, remaining, expected) => {
    expect(shareSize(share, remaining)).toBe(expected);
  });
});
