import { validatePlan, type PlanProblem } from "../../../../../shared/domain";
import { samplePlanInput } from "../../../../fixtures/sample-plan";

type Wave = Record<string, unknown>;

/** The problems of the sample plan with these waves. */
function problemsWith(waves: Wave[]): PlanProblem[] {
  const input = { ...samplePlanInput(), waves };
  const result = validatePlan(input);
  if (result.ok) throw new Error("expected the plan to be rejected");
  return result.errors;
}

const wave = (name: string, select: Record<string, unknown>): Wave => ({
  name,
  select,
  observeFor: "P3D",
  bakeFor: "P5D",
});

describe("plan semantics: what the admin is told about waves", () => {
  it("names the first wave that takes all of the remaining population, however many more take a share of 1", () => {
    const problems = problemsWith([
      wave("pilot", { share: 1 }),
      wave("core", { share: 1 }),
      wave("extended", { share: 1 }),
    ]);
    expect(problems.filter((p) => p.path.endsWith(".select"))).toEqual([
      {
        path: "$.waves[1].select",
        message: "wave 0 takes all of the remaining population (share 1), so this wave would be empty",
      },
      {
        path: "$.waves[2].select",
        message: "wave 0 takes all of the remaining population (share 1), so this wave would be empty",
      },
    ]);
  });

  it("reports blank wave names as empty, not as duplicates of each other", () => {
    const problems = problemsWith([wave(" ", { share: 0.5 }), wave("  ", { share: 1 })]);
    expect(problems.filter((p) => p.path.endsWith(".name"))).toEqual([
      { path: "$.waves[0].name", message: "must not be empty" },
      { path: "$.waves[1].name", message: "must not be empty" },
    ]);
  });
});
