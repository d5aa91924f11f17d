import fc from "fast-check";
import { validatePlan } from "../../../shared/domain";
import { reportFuzzCases } from "./fuzz-count";
import { mutatedPlanArb } from "./plan-mutations";

const SEED = 20260105;
let cases = 0;

/** The validator's contract: never throws; either a plan, or problems that each name a path. */
function holdsContract(input: unknown): void {
  cases++;
  let result: ReturnType<typeof validatePlan>;
  try {
    result = validatePlan(input);
  } catch (error) {
    throw new Error(`validatePlan threw for ${JSON.stringify(input)?.slice(0, 300)}: ${String(error)}`);
  }
  if (result.ok) {
    expect(typeof result.plan.rolloutId).toBe("string");
    expect(result.plan.waves.length).toBeGreaterThan(0);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const problem of result.errors) {
    expect(problem.path).toMatch(/^\$/);
    expect(typeof problem.message).toBe("string");
    expect(problem.message.trim()).not.toBe("");
  }
}

describe("plan validator fuzz", () => {
  afterAll(() => reportFuzzCases("plan validator", cases));

  it("holds its contract for arbitrary JSON and non-JSON values", () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.anything()), holdsContract), {
      numRuns: 1000,
      seed: SEED,
    });
  });

  it("holds its contract for mutated valid plans, and a valid result validates again to the same plan", () => {
    fc.assert(
      fc.property(mutatedPlanArb, (input) => {
        holdsContract(input);
        const first = validatePlan(input);
        if (first.ok) {
          const again = validatePlan(JSON.parse(JSON.stringify(input)));
          expect(again.ok && again.plan).toEqual(first.plan);
        }
      }),
      { numRuns: 800, seed: SEED },
    );
  });
});
