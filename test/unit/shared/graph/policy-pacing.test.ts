import { isConditionalAccessPath, paceCall } from "../../../../shared/graph/policy-pacing";

describe("pacing Conditional Access calls", () => {
  it.each([
    ["nothing recorded: go now, next one a second later", 10_000, undefined, 0, 11_000],
    ["the recorded time has passed: go now", 10_000, 9_000, 0, 11_000],
    ["the recorded time is ahead: wait for it", 10_000, 10_400, 400, 11_400],
    ["exactly at the recorded time: no wait", 10_000, 10_000, 0, 11_000],
  ])("%s", (_, now, recorded, wait, next) => {
    expect(paceCall(now, recorded, 1_000)).toEqual({ waitMs: wait, nextAllowedAt: next });
  });

  it("applies to the Conditional Access paths only", () => {
    expect(isConditionalAccessPath("/identity/conditionalAccess/policies")).toBe(true);
    expect(isConditionalAccessPath("/identity/conditionalAccess/policies/abc")).toBe(true);
    expect(isConditionalAccessPath("/groups/abc/members")).toBe(false);
    expect(isConditionalAccessPath("/$batch")).toBe(false);
  });
});
