import { samplePlanInput } from "../../../../fixtures/sample-plan";
import { DEFAULT_WATCH, validatePlan } from "../../../../../shared/domain";

function validate(watch: unknown) {
  return validatePlan({ ...samplePlanInput(), watch });
}

describe("plan option watch", () => {
  it("is optional: without it enforced users are watched 30 days, looked at every 6 hours", () => {
    const result = validatePlan(samplePlanInput());
    expect(result.ok && result.plan.watch).toBeUndefined();
    expect(DEFAULT_WATCH).toEqual({ for: "P30D", checkEvery: "PT6H" });
  });

  it.each([{ for: "P7D" }, { for: "P92D", checkEvery: "P1D" }, { checkEvery: "PT15M" }])(
    "accepts %j",
    (watch) => {
      const result = validate(watch);
      expect(result.ok && result.plan.watch).toEqual(watch);
    },
  );

  it.each<[string, unknown, string, RegExp]>([
    ["a watch longer than a quarter", { for: "P100D" }, "$.watch.for", /at most P92D/],
    ["a zero watch", { for: "PT0S" }, "$.watch.for", /longer than zero/],
    ["looks closer than 15 minutes", { checkEvery: "PT5M" }, "$.watch.checkEvery", /at least PT15M/],
    ["looks further apart than a day", { checkEvery: "P2D" }, "$.watch.checkEvery", /at most P1D/],
    ["not a duration", { for: "30 days" }, "$.watch.for", /ISO 8601 duration/],
    ["an unknown key (a typo)", { four: "P30D" }, "$.watch.four", /unknown field/],
  ])("rejects %s with a path and a message", (_label, watch, path, message) => {
    const result = validate(watch);
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.errors.find((e) => e.path === path) : undefined;
    expect(problem?.message).toMatch(message);
  });
});
