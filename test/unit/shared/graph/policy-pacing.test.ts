import {
  isConditionalAccessPath,
  isReportsPath,
  paceCall,
  reusedSlotWait,
} from "../../../../shared/graph/policy-pacing";

describe("pacing calls by Graph's per-window limits", () => {
  const conditionalAccess = { limit: 1, windowMs: 1_000 };
  const reports = { limit: 5, windowMs: 10_000 };

  it.each([
    ["nothing recorded: go now", 10_000, undefined, 0, [10_000]],
    ["the last call a second ago or more: go now", 10_000, [9_000], 0, [10_000]],
    ["the last call 400 ms ago: wait 600 ms", 10_000, [9_600], 600, [10_600]],
    ["a slot taken ahead of now: a second after it", 10_000, [10_400], 1_400, [11_400]],
  ])("Conditional Access (one a second): %s", (_, now, recent, wait, next) => {
    expect(paceCall(now, recent, conditionalAccess)).toEqual({ waitMs: wait, at: now + wait, recent: next });
  });

  it.each([
    [
      "four in the window: the fifth goes now",
      [1_000, 2_000, 3_000, 4_000],
      0,
      [1_000, 2_000, 3_000, 4_000, 5_000],
    ],
    [
      "five in the window: the sixth waits until the oldest leaves it",
      [1_000, 2_000, 3_000, 4_000, 5_000],
      6_000,
      [2_000, 3_000, 4_000, 5_000, 11_000],
    ],
    [
      "five, the oldest already out of the window: go now",
      [-6_000, 2_000, 3_000, 4_000, 5_000],
      0,
      [2_000, 3_000, 4_000, 5_000, 5_000],
    ],
  ])("reports (five in ten seconds): %s", (_, recent, wait, next) => {
    expect(paceCall(5_000, recent, reports)).toEqual({ waitMs: wait, at: 5_000 + wait, recent: next });
  });

  it("a burst of reads never puts more than five in any ten seconds", () => {
    let recent: number[] | undefined;
    const sent: number[] = [];
    for (let i = 0; i < 23; i++) {
      const slot = paceCall(0, recent, reports);
      recent = slot.recent;
      sent.push(slot.at);
    }
    for (const at of sent)
      expect(sent.filter((t) => t > at - 10_000 && t <= at).length).toBeLessThanOrEqual(5);
    expect(sent.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 10_000]);
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
