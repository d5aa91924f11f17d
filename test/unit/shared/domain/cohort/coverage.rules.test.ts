import { decideCoverage, uncoveredMessage, validatePlan } from "../../../../../shared/domain";
import { remainderProblems, withRemainderWave } from "../../../../../shared/domain/cohort/coverage";
import { samplePlanInput } from "../../../../fixtures/sample-plan";
import { u } from "../fixtures";

const AT = "2026-01-05T07:00:00.000Z";
type Waves = Parameters<typeof remainderProblems>[0]["waves"];
const wave = (name: string, select: Waves[number]["select"]) => ({ name, select }) as Waves[number];

describe("the remainder rule's placements and refusals", () => {
  it("an exclusion says the rule's reason; report-only without a reason says none", () => {
    const excluded = decideCoverage({
      remainder: { action: "exclude", reason: "contractors" },
      unassigned: [u(1)],
      placed: new Set(),
      at: AT,
    });
    expect(excluded.ok && excluded.placements[0]?.reason).toBe(
      "in no wave; excluded by the plan's remainder rule: contractors",
    );
    const left = decideCoverage({
      remainder: { action: "reportOnly" },
      unassigned: [u(1)],
      placed: new Set(),
      at: AT,
    });
    expect(left).toEqual({
      ok: true,
      placements: [
        {
          userId: u(1),
          stage: "reportOnly",
          reason: "in no wave; left in report-only by the plan's remainder rule",
        },
      ],
    });
  });

  it("the refusal tells the admin both ways to fix it", () => {
    expect(uncoveredMessage(1, ["a@x"])).toBe(
      '1 population user(s) are in no wave: a@x. Add a wave that selects them, or a "remainder" rule ({"action": "finalWave" | "exclude" | "reportOnly", "reason": "…"}).',
    );
  });

  it("finalWave reports both problems at once, and none for other actions", () => {
    const waves = [wave("Remainder", { share: 0.5 }), wave("rest", { share: 1 })];
    expect(remainderProblems({ waves, remainder: { action: "finalWave" } })).toEqual([
      {
        path: "$.remainder.action",
        message: 'wave "rest" already takes everyone left (share 1): a final wave would be empty',
      },
      {
        path: "$.remainder.action",
        message: 'a wave is already named "remainder", the name of the final wave this rule adds',
      },
    ]);
    expect(remainderProblems({ waves, remainder: { action: "exclude" } })).toEqual([]);
    expect(remainderProblems({ waves, remainder: undefined })).toEqual([]);
  });

  it("finalWave adds no wave after one that already takes everyone, nor to a plan with none", () => {
    const takesAll = {
      waves: [wave("pilot", { count: 3 }), wave("all", { share: 1 })],
      remainder: { action: "finalWave" as const },
    };
    expect(withRemainderWave(takesAll)).toBe(takesAll);
    const empty = { waves: [] as Waves, remainder: { action: "finalWave" as const } };
    expect(withRemainderWave(empty)).toBe(empty);
    const partial = { waves: [wave("pilot", { share: 0.5 })], remainder: { action: "finalWave" as const } };
    expect(withRemainderWave(partial).waves.map((w) => [w.name, w.select])).toEqual([
      ["pilot", { share: 0.5 }],
      ["remainder", { share: 1 }],
    ]);
  });

  it("exclude and reportOnly never add a wave that would enforce everyone left", () => {
    for (const action of ["exclude", "reportOnly"] as const) {
      const plan = { waves: [wave("pilot", { share: 0.5 })], remainder: { action } };
      expect(withRemainderWave(plan)).toBe(plan);
    }
  });

  it("a plan accepted with finalWave carries the added wave", () => {
    const result = validatePlan({
      ...samplePlanInput(),
      waves: (samplePlanInput().waves as unknown[]).slice(0, 1),
      remainder: { action: "finalWave" },
    });
    expect(result.ok && result.plan.waves.map((w) => w.name).at(-1)).toBe("remainder");
  });
});
