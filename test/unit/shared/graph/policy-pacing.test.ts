import {
  isConditionalAccessPath,
  isReportsPath,
  paceCall,
  reusedSlotWait,
} from "../../../../shared/graph/policy-pacing";

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

  it("reports are the sign-in and audit logs and the authentication-methods reports", () => {
    expect(isReportsPath("/auditLogs/signIns")).toBe(true);
    expect(isReportsPath("/reports/authenticationMethods/userRegistrationDetails")).toBe(true);
    expect(isReportsPath("/identity/conditionalAccess/policies")).toBe(false);
    expect(isReportsPath("/users")).toBe(false);
  });

  it.each([
    ["nothing recorded: a new slot", 0, undefined, 10_000, undefined],
    ["a call the first run made before its last: no wait", 0, { calls: 3, lastAt: 10_000 }, 10_000, 0],
    ["the first run's last call: what is left of its slot", 2, { calls: 3, lastAt: 10_400 }, 10_000, 400],
    ["the first run's last call, slot passed: no wait", 2, { calls: 3, lastAt: 9_000 }, 10_000, 0],
    ["beyond what the first run made: a new slot", 3, { calls: 3, lastAt: 10_000 }, 10_000, undefined],
    ["a record over a minute old: a new slot", 0, { calls: 3, lastAt: 10_000 }, 70_001, undefined],
  ])("re-run: %s", (_, call, taken, now, wait) => {
    expect(reusedSlotWait(call, taken, now)).toBe(wait);
  });
});
