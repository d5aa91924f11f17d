import fc from "fast-check";
import { assignWaves, resolvePopulation, validatePlan } from "../../../../../shared/domain";
import { samplePlanInput, SEED_IDS } from "../../../../fixtures/sample-plan";
import { u } from "../fixtures";

const members = {
  [SEED_IDS.allStaffGroup]: [...Array.from({ length: 40 }, (_, i) => u(i + 1)), SEED_IDS.breakGlass1],
  [SEED_IDS.itPilotGroup]: [u(1), u(2), u(3), SEED_IDS.breakGlass1],
  [SEED_IDS.plannersGroup]: [u(3), u(4), u(5), u(6), u(200)],
};

function plan() {
  const result = validatePlan(samplePlanInput());
  if (!result.ok) throw new Error("sample plan invalid");
  return result.plan;
}

describe("resolvePopulation", () => {
  it("unions groups and users, minus break-glass, sorted", () => {
    const p = plan();
    const population = resolvePopulation(
      { ...p, population: { groupIds: [SEED_IDS.itPilotGroup], userIds: [u(9), u(1)] } },
      members,
    );
    expect(population).toEqual([u(1), u(2), u(3), u(9)]);
  });

  it("refuses an unresolved group rather than shrinking the rollout", () => {
    expect(() => resolvePopulation(plan(), {})).toThrow(/not resolved/);
  });
});

describe("assignWaves", () => {
  it("gives each user at most one wave, in plan order, and share 1 takes the rest", () => {
    const p = plan();
    const population = resolvePopulation(p, members);
    const { waves, unassigned } = assignWaves(p, population, members);
    expect(waves[0]?.userIds).toEqual([u(1), u(2), u(3)]);
    // u(3) went to the pilot; u(200) is not in the population.
    expect(waves[1]?.userIds).toEqual([u(4), u(5), u(6)]);
    expect(waves[1]?.skipped).toEqual({ breakGlass: 0, earlierWave: 1, outsidePopulation: 1 });
    expect(waves[2]?.userIds).toHaveLength(34);
    expect(unassigned).toEqual([]);
    const all = waves.flatMap((w) => w.userIds);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(SEED_IDS.breakGlass1);
  });

  it("leaves users no wave selects as unassigned", () => {
    const p = plan();
    p.waves = p.waves.slice(0, 2);
    const { unassigned } = assignWaves(p, resolvePopulation(p, members), members);
    expect(unassigned).toHaveLength(34);
  });

  it("is the same on every run", () => {
    const p = plan();
    p.waves[2] = { ...p.waves[2]!, select: { share: 0.5 } };
    const population = resolvePopulation(p, members);
    expect(assignWaves(p, population, members)).toEqual(assignWaves(p, [...population].reverse(), members));
  });
});

describe("assignWaves (properties)", () => {
  it("never assigns a user twice, never a break-glass account, never outside the population", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 80 }),
        fc.array(
          fc.oneof(
            fc.double({ min: 0.01, max: 1, noNaN: true }).map((share) => ({ share })),
            fc.integer({ min: 1, max: 40 }).map((count) => ({ count })),
            fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }).map((ids) => ({
              userIds: ids.map(u),
            })),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (populationNumbers, selects) => {
          const breakGlass = [u(populationNumbers[0] ?? 1)];
          const population = populationNumbers.map(u);
          const p = {
            rolloutId: "prop",
            breakGlass,
            waves: selects.map((select, i) => ({ ...plan().waves[0]!, name: `w${i}`, select })),
          };
          const { waves, unassigned } = assignWaves(p, population, {});
          const all = waves.flatMap((w) => w.userIds);
          expect(new Set(all).size).toBe(all.length);
          expect(all).not.toContain(breakGlass[0]);
          expect(all.every((id) => population.includes(id))).toBe(true);
          expect(new Set([...all, ...unassigned, ...breakGlass])).toEqual(new Set(population));
        },
      ),
      { numRuns: 100 },
    );
  });
});
