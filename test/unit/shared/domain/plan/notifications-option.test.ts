import { samplePlanInput } from "../../../../fixtures/sample-plan";
import { validatePlan } from "../../../../../shared/domain";

function validate(notifications: unknown) {
  return validatePlan({ ...samplePlanInput(), notifications });
}

describe("plan option notifications", () => {
  it("names an app setting and a format", () => {
    const result = validate({ webhookSetting: "OPS_TEAMS_HOOK", format: "slack" });
    expect(result.ok && result.plan.notifications).toEqual({
      webhookSetting: "OPS_TEAMS_HOOK",
      format: "slack",
    });
  });

  it("is optional (the default setting NOTIFY_WEBHOOK_URL applies)", () => {
    const result = validatePlan(samplePlanInput());
    expect(result.ok && result.plan.notifications).toBeUndefined();
  });

  it("refuses a URL where a setting name belongs, so the secret never reaches the stored plan", () => {
    const url = "https://prod-1.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=abc";
    const result = validate({ webhookSetting: url });
    expect(result.ok).toBe(false);
    const problem = !result.ok
      ? result.errors.find((e) => e.path === "$.notifications.webhookSetting")
      : undefined;
    expect(problem?.message).toMatch(/name of an app setting/);
    // The refusal names the field, not the value.
    expect(JSON.stringify(!result.ok && result.errors)).not.toContain("sig=abc");
  });

  it("refuses an unknown format and unknown keys", () => {
    expect(validate({ format: "email" }).ok).toBe(false);
    expect(validate({ webhookUrl: "https://x" }).ok).toBe(false);
  });
});
