import { DEFAULT_EVIDENCE, validatePlan } from "../../../../../shared/domain";
import { samplePlanInput } from "../../../../fixtures/sample-plan";

function validate(evidence: unknown) {
  return validatePlan({ ...samplePlanInput(), evidence });
}

describe("plan option evidence.settle", () => {
  it("is optional: without it the gates read the log up to now - PT30M", () => {
    const result = validatePlan(samplePlanInput());
    expect(result.ok && result.plan.evidence).toBeUndefined();
    expect(DEFAULT_EVIDENCE.settle).toBe("PT30M");
  });

  it.each(["PT5M", "PT30M", "PT6H", "P2D"])("accepts %s", (settle) => {
    const result = validate({ settle });
    expect(result.ok && result.plan.evidence?.settle).toBe(settle);
  });

  it.each<[string, unknown, string, RegExp]>([
    ["a duration below the reporting latency", { settle: "PT1M" }, "$.evidence.settle", /at least PT5M/],
    ["more than two days", { settle: "P3D" }, "$.evidence.settle", /at most P2D/],
    ["not a duration", { settle: "30 minutes" }, "$.evidence.settle", /ISO 8601 duration/],
    ["an unknown key (a typo)", { setle: "PT30M" }, "$.evidence.setle", /unknown field/],
  ])("rejects %s with a path and a message", (_label, evidence, path, message) => {
    const result = validate(evidence);
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.errors.find((e) => e.path === path) : undefined;
    expect(problem?.message).toMatch(message);
  });
});

describe("plan option evidence.maxLateTail", () => {
  it("is optional: without it a read re-reads at most a day of the log for late rows", () => {
    expect(DEFAULT_EVIDENCE.maxLateTail).toBe("P1D");
  });

  it.each(["PT10M", "PT12H", "P2D"])("accepts %s", (maxLateTail) => {
    const result = validate({ maxLateTail });
    expect(result.ok && result.plan.evidence?.maxLateTail).toBe(maxLateTail);
  });

  it.each<[string, unknown, RegExp]>([
    ["a tail shorter than the attempt window", { maxLateTail: "PT5M" }, /at least PT10M/],
    ["more than two days", { maxLateTail: "P3D" }, /at most P2D/],
    ["zero", { maxLateTail: "PT0S" }, /longer than zero/],
  ])("rejects %s with a path and a message", (_label, evidence, message) => {
    const result = validate(evidence);
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.errors.find((e) => e.path === "$.evidence.maxLateTail") : undefined;
    expect(problem?.message).toMatch(message);
  });
});
