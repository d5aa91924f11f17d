import { DEFAULT_GATES, evaluateReadiness, type RegistrationFacts } from "../../../../../shared/domain";
import { countersOf, many, u, type SignInSpec } from "../fixtures";

const registered: RegistrationFacts = {
  isMfaRegistered: true,
  isMfaCapable: true,
  methodsRegistered: ["microsoftAuthenticatorPush"],
};
const thresholds = DEFAULT_GATES.readiness; // 90% registered, at most 5% of users on clients that cannot do MFA

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
      /no MFA method registered: the first enforced prompt would ask them to register/,
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

  it("holds back a user who signs in with legacy clients, naming each client and its share", () => {
    const result = evaluate(20, {}, [{ user: 21, client: "IMAP4" }]);
    // user 21 is outside the wave: only wave users count
    expect(result.holdBack).toEqual([]);
    const legacy = evaluateReadiness({
      ...wave(3),
      observed: countersOf([
        ...many(9, { user: 2, client: "IMAP4", reportOnly: "reportOnlyInterrupted" }),
        ...many(2, { user: 2, client: "Exchange ActiveSync", reportOnly: "reportOnlyInterrupted" }),
        ...many(10, { user: 2, reportOnly: "reportOnlyInterrupted" }),
        { user: 1, reportOnly: "reportOnlyInterrupted" },
      ]),
      thresholds,
    });
    expect(legacy.holdBack).toEqual([
      {
        userId: u(2),
        reason:
          "IMAP4 (legacy authentication) cannot do MFA: 9 of 21 sign-ins; Exchange ActiveSync (legacy authentication) cannot do MFA: 2 of 21 sign-ins",
      },
    ]);
  });

  it("does not hold anyone back for report-only failures alone (rare for a require-MFA policy)", () => {
    const result = evaluate(40, {}, many(3, { user: 5, reportOnly: "reportOnlyFailure" }));
    expect(result.holdBack).toEqual([]);
    expect(result.metrics.reportOnly.failure).toBe(3);
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

  it("fails when too many users sign in with clients that cannot do MFA", () => {
    const result = evaluate(10, {}, [
      { user: 1, client: "POP3" },
      { user: 2, client: "IMAP4" },
    ]);
    expect(result.verdict).toBe("Fail");
    expect(result.metrics.predictedFailureUsers).toBe(2);
    expect(result.reasons.join(" ")).toMatch(/2 of 10 users \(20%\) sign in with clients that cannot do MFA/);
    expect(result.passesAfterHoldBack).toBe(true);
  });

  it("is inconclusive, never a pass, when no sign-in names the report-only policy", () => {
    const noPermission = evaluateReadiness({
      ...wave(5),
      observed: countersOf(many(5, { user: 1 })),
      thresholds,
    });
    expect(noPermission.verdict).toBe("Inconclusive");
    expect(noPermission.reasons[0]).toMatch(/no sign-in names the report-only policy/);
    expect(noPermission.metrics.namingPolicy).toBe(0);
  });

  it("is inconclusive when nothing was observed, and passes an empty wave", () => {
    const silent = evaluateReadiness({ ...wave(5), observed: countersOf([]), thresholds });
    expect(silent.verdict).toBe("Inconclusive");
    expect(silent.reasons[0]).toMatch(/no sign-ins of the wave were observed/);
    const empty = evaluateReadiness({ userIds: [], registration: {}, observed: countersOf([]), thresholds });
    expect(empty.verdict).toBe("Pass");
    expect(empty.reasons).toEqual(["the wave has no users left to enforce"]);
  });

  it("counts the attempts the report-only policy would have prompted", () => {
    const result = evaluate(4, {}, []);
    expect(result.metrics.reportOnly.interrupted).toBe(4);
    expect(result.reasons[0]).toMatch(/would have prompted 4 of 4 sign-in attempts/);
  });
});
