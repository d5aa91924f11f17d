import {
  assignWaves,
  resolvePopulation,
  selectCohort,
  type CohortRequest,
} from "../../../../../shared/domain";
import { u } from "../fixtures";

/** Graph returns ids in lower case, admins paste either: every list is compared case-insensitively. */
const population = Array.from({ length: 10 }, (_, i) => u(i + 1));
const base: CohortRequest = {
  rolloutId: "r1",
  populationIds: population,
  assigned: [],
  breakGlass: [u(10)],
  select: { share: 1 },
};
const upper = (ids: string[]) => ids.map((id) => id.toUpperCase());

describe("selectCohort with ids in any case", () => {
  it("never selects a break-glass account or an earlier wave's user written in upper case", () => {
    const result = selectCohort({
      ...base,
      populationIds: upper(population),
      assigned: new Set(upper([u(1), u(2)])),
      breakGlass: upper([u(10)]),
    });
    expect(result.userIds).toEqual(population.slice(2, 9));
  });

  it("counts why named users were skipped, each once", () => {
    const result = selectCohort({
      ...base,
      assigned: [u(1)],
      select: { userIds: [u(1), u(10), u(50), u(3), u(3).toUpperCase()] },
    });
    expect(result).toEqual({
      userIds: [u(3)],
      skipped: { breakGlass: 1, earlierWave: 1, outsidePopulation: 1 },
    });
  });

  it("a share or count draws from the users left without reporting the others as skipped", () => {
    const result = selectCohort({ ...base, assigned: [u(1), u(2)], select: { count: 3 } });
    expect(result.userIds).toHaveLength(3);
    expect(result.userIds).toEqual([...result.userIds].sort());
    expect(result.skipped).toEqual({ breakGlass: 0, earlierWave: 0, outsidePopulation: 0 });
  });
});

describe("population and waves with ids in any case", () => {
  const group = "6a1f0c2e-0000-4000-8000-00000000a001";

  it("resolves a group named in upper case, and leaves out break-glass in any case", () => {
    const population = resolvePopulation(
      { population: { groupIds: [group.toUpperCase()] }, breakGlass: [u(2).toUpperCase()] },
      { [group]: upper([u(3), u(1), u(2)]) },
    );
    expect(population).toEqual([u(1), u(3)]);
  });

  it("a population of listed users needs no group resolved", () => {
    expect(resolvePopulation({ population: { userIds: [u(2), u(1)] }, breakGlass: [u(9)] }, {})).toEqual([
      u(1),
      u(2),
    ]);
  });

  it("unassigned users are listed once, in lower case and order, without break-glass", () => {
    const p = {
      rolloutId: "r1",
      breakGlass: [u(9)],
      waves: [{ name: "pilot", select: { userIds: [u(1)] } }],
    } as unknown as Parameters<typeof assignWaves>[0];
    const { waves, unassigned } = assignWaves(p, [u(3), u(1), u(2).toUpperCase(), u(3), u(9)], {});
    expect(waves).toEqual([
      {
        index: 0,
        name: "pilot",
        userIds: [u(1)],
        skipped: { breakGlass: 0, earlierWave: 0, outsidePopulation: 0 },
      },
    ]);
    expect(unassigned).toEqual([u(2), u(3)]);
  });
});
