import { decideWatch, type HealthCheck } from "../../../../../shared/domain";

/** Only the decision and the systemic flag matter to the watch: the rest of the check is the bake's. */
function check(decision: HealthCheck["decision"], systemic = false): HealthCheck {
  return { decision, systemic: { systemic } } as HealthCheck;
}

describe("decideWatch keeps the bake's reason, marked as the watch's", () => {
  it.each([
    ["proceed", "healthy so far: 0.4 % excess failures"],
    ["extend", "extension 1 of 3: too few sign-ins"],
  ] as const)("a %s outcome is healthy, with its reason", (decision, reason) => {
    expect(decideWatch(check({ decision, reason, holdBack: [] }))).toEqual({
      action: "healthy",
      reason: `watch: ${reason}`,
      holdBack: [],
    });
  });

  it("a shrink holds its users back, with the bake's reason", () => {
    const holdBack = [{ userId: "u1", reason: "Contoso Invoicing on iOS: 3 of 3 failed" }];
    expect(decideWatch(check({ decision: "shrink", reason: "holding back 1 users", holdBack }))).toEqual({
      action: "holdBack",
      reason: "watch: holding back 1 users",
      holdBack,
    });
  });
});
