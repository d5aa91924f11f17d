import { DEFAULT_GATES, evaluateReadiness, type RegistrationFacts } from "../../../../../shared/domain";
import { countersOf, many, u, type SignInSpec } from "../fixtures";

const registered: RegistrationFacts = {
  isMfaRegistered: true,
  isMfaCapable: true,
  methodsRegistered: ["microsoftAuthenticatorPush"],
};
const thresholds = DEFAULT_GATES.readiness; // 90% registered, at most 5% predicted failures

function wave(size: number, overrides: Record<number, RegistrationFacts | undefined> = {}) {
  const userIds = Array.from({ length: size }, (_, i) => u(i + 1));
  const registration = Object.fromEntries(
    userIds.map((id, i) => [id, i + 1 in overrides ? overrides[i + 1] : registered]),
  );
  return { userIds, registration };
}

function evaluate(
  size: number,
  overrides: Record<number, RegistrationFacts | undefined>,
  specs: SignInSpec[],
) {
  const interruptedForAll = Array.from({ length: size }, (_, i) => ({
    user: i + 1,
    reportOnly: "reportOnlyInterrupted" as const,
  }));
  return evaluateReadiness({
    ...wave(size, overrides),
    observed: countersOf([...interruptedForAll, ...specs]),
    thresholds,
  });
}

describe("readiness gate", () => {
  it("passes a registered wave whose sign-ins would only be prompted", () => {
    const result = evaluate(20, {}, []);
    expect(result.verdict).toBe("Pass");
    expect(result.holdBack).toEqual([]);
    expect(result.metrics).toMatchObject({
      users: 20,
      registered: 20,
      registeredShare: 1,
      predictedFailureShare: 0,
    });
  });

  it.each([
    ["no registration details", undefined, /no MFA registration details/],
    [
      "no method registered",
      { isMfaRegistered: false, isMfaCapable: false, methodsRegistered: [] },
      /no MFA method registered/,
    ],
    [
      "only methods the policy disallows",
      { isMfaRegistered: true, isMfaCapable: false, methodsRegistered: ["sms"] },
      /registered methods \(sms\) are not allowed/,
    ],
  ])("holds back a user with %s, and still passes the wave", (_name, facts, reason) => {
    const result = evaluate(20, { 7: facts }, []);
    expect(result.holdBack).toEqual([{ userId: u(7), reason: expect.stringMatching(reason) }]);
    expect(result.verdict).toBe("Pass");
    expect(result.passesAfterHoldBack).toBe(true);
  });

  it("holds back a legacy-only user, naming the client", () => {
    const result = evaluate(20, {}, [{ user: 21, client: "IMAP4" }]);
    // user 21 is outside the wave: only wave users count
    expect(result.holdBack).toEqual([]);
    const legacy = evaluateReadiness({
      ...wave(3),
      observed: countersOf([
        ...many(4, { user: 2, client: "Exchange ActiveSync" }),
        { user: 2, client: "IMAP4" },
      ]),
      thresholds,
    });
    expect(legacy.holdBack).toEqual([
      {
        userId: u(2),
        reason: "signs in only with legacy clients that cannot do MFA (Exchange ActiveSync, IMAP4)",
      },
    ]);
  });

  it("holds back users the report-only policy would have failed", () => {
    const result = evaluate(40, {}, many(3, { user: 5, reportOnly: "reportOnlyFailure" }));
    expect(result.holdBack).toEqual([
      { userId: u(5), reason: "the report-only policy would have failed 3 of 4 sign-ins" },
    ]);
    expect(result.metrics.predictedFailureShare).toBeCloseTo(1 / 40);
    expect(result.verdict).toBe("Pass");
  });

  it("fails when registration coverage is under the threshold, naming the numbers", () => {
    const unregistered = { isMfaRegistered: false, isMfaCapable: false };
    const result = evaluate(10, { 1: unregistered, 2: unregistered }, []);
    expect(result.verdict).toBe("Fail");
    expect(result.reasons[0]).toMatch(/8 of 10 users \(80%\) have registered MFA; the gate needs 90%/);
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2)]);
    expect(result.passesAfterHoldBack).toBe(true);
  });

  it("fails when too many users would be blocked by the report-only policy", () => {
    const result = evaluate(10, {}, [
      { user: 1, reportOnly: "reportOnlyFailure" },
      { user: 2, reportOnly: "reportOnlyFailure" },
    ]);
    expect(result.verdict).toBe("Fail");
    expect(result.metrics.predictedFailureUsers).toBe(2);
    expect(result.reasons.join(" ")).toMatch(/would have failed 2 of 10 users/);
  });

  it("says when nothing was observed, and passes an empty wave", () => {
    const silent = evaluateReadiness({ ...wave(5), observed: countersOf([]), thresholds });
    expect(silent.reasons.join(" ")).toMatch(/no sign-ins were observed/);
    const empty = evaluateReadiness({ userIds: [], registration: {}, observed: countersOf([]), thresholds });
    expect(empty.verdict).toBe("Pass");
    expect(empty.reasons).toEqual(["the wave has no users left to enforce"]);
  });
});
