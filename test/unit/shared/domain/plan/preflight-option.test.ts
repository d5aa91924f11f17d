import { validatePlan } from "../../../../../shared/domain";
import { samplePlanInput } from "../../../../fixtures/sample-plan";

function validate(preflight: unknown) {
  return validatePlan({ ...samplePlanInput(), preflight });
}

describe("plan option preflight.requireProtectedGroups", () => {
  it("is optional: a plan without it is valid and leaves it unset (the preflight then only warns)", () => {
    const result = validatePlan(samplePlanInput());
    expect(result.ok && result.plan.preflight).toBeUndefined();
  });

  it.each([true, false])("accepts %s", (value) => {
    const result = validate({ requireProtectedGroups: value });
    expect(result.ok && result.plan.preflight?.requireProtectedGroups).toBe(value);
  });

  it.each<[string, unknown, string, RegExp]>([
    ["a string", { requireProtectedGroups: "yes" }, "$.preflight.requireProtectedGroups", /true or false/],
    [
      "an unknown key (a typo)",
      { requireProtectedGroup: true },
      "$.preflight.requireProtectedGroup",
      /unknown field/,
    ],
    ["a non-object", true, "$.preflight", /.+/],
  ])("rejects %s with a path and a message", (_label, preflight, path, message) => {
    const result = validate(preflight);
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.errors.find((e) => e.path === path) : undefined;
    expect(problem?.message).toMatch(message);
  });
});
