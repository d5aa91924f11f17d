import { DEFAULT_GATES, evaluateReadiness, type RegistrationFacts } from "../../../../../shared/domain";
import { countersOf, u, type SignInSpec } from "../fixtures";

const registered: RegistrationFacts = {
  isMfaRegistered: true,
  isMfaCapable: true,
  methodsRegistered: ["microsoftAuthenticatorPush"],
};

function evaluate(userIds: string[], facts: Record<string, RegistrationFacts>, specs: SignInSpec[] = []) {
  return evaluateReadiness({
    userIds,
    registration: Object.fromEntries(userIds.map((id) => [id, facts[id] ?? registered])),
    observed: countersOf([
      ...userIds.map((user) => ({ user, reportOnly: "reportOnlyInterrupted" as const })),
      ...specs,
    ]),
    thresholds: DEFAULT_GATES.readiness,
  });
}

describe("the readiness gate's hold-backs", () => {
  it("says 'none' for a user registered with no method the policy allows and none listed", () => {
    const ids = [1, 2, 3].map(u);
    const result = evaluate(ids, {
      [u(2)]: { isMfaRegistered: true, isMfaCapable: false, methodsRegistered: [] },
    });
    expect(result.holdBack).toEqual([
      {
        userId: u(2),
        reason: "registered methods (none) are not allowed by the authentication methods policy",
      },
    ]);
  });

  it("lists every registered method the policy does not allow", () => {
    const ids = [1, 2].map(u);
    const smsAndVoice = {
      isMfaRegistered: true,
      isMfaCapable: false,
      methodsRegistered: ["sms", "voiceCall"],
    };
    expect(evaluate(ids, { [u(1)]: smsAndVoice }).holdBack).toEqual([
      {
        userId: u(1),
        reason: "registered methods (sms, voiceCall) are not allowed by the authentication methods policy",
      },
    ]);
  });

  it.each([
    ["POP3", "IMAP4"],
    ["IMAP4", "POP3"],
  ])("names a user's legacy clients, most used first, ties by name (%s used first)", (first, second) => {
    const result = evaluate([1, 2].map(u), {}, [
      { user: 1, client: first },
      { user: 1, client: second },
      { user: 1, client: "Exchange ActiveSync" },
      { user: 1, client: "Exchange ActiveSync" },
    ]);
    expect(result.holdBack).toEqual([
      {
        userId: u(1),
        reason:
          "Exchange ActiveSync (legacy authentication) cannot do MFA: 2 of 5 sign-ins; IMAP4 (legacy authentication) cannot do MFA: 1 of 5 sign-ins; POP3 (legacy authentication) cannot do MFA: 1 of 5 sign-ins",
      },
    ]);
  });

  it("lists the users held back by id, whatever order the wave names them in", () => {
    const ids = [3, 1, 2].map(u);
    const unregistered = { isMfaRegistered: false, isMfaCapable: false, methodsRegistered: [] };
    const result = evaluate(ids, { [u(3)]: unregistered, [u(1)]: unregistered });
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(3)]);
  });
});

describe("the readiness gate's counts", () => {
  it("counts users with attempts and every report-only result", () => {
    const result = evaluateReadiness({
      userIds: [1, 2, 3, 4].map(u),
      registration: Object.fromEntries([1, 2, 3, 4].map((n) => [u(n), registered])),
      observed: countersOf([
        { user: 1, reportOnly: "reportOnlySuccess" },
        { user: 1, reportOnly: "reportOnlySuccess" },
        { user: 2, reportOnly: "reportOnlyInterrupted" },
        { user: 2, reportOnly: "reportOnlyNotApplied" },
        { user: 3, reportOnly: "reportOnlyFailure", code: 53003 },
        { user: 4, code: 50126 },
      ]),
      thresholds: DEFAULT_GATES.readiness,
    });
    expect(result.metrics).toMatchObject({
      users: 4,
      usersWithSignIns: 3,
      reportOnly: { success: 2, failure: 1, interrupted: 1, notApplied: 1 },
      namingPolicy: 5,
    });
  });

  it("reports an empty wave as fully registered, with nobody on legacy clients", () => {
    const result = evaluateReadiness({
      userIds: [],
      registration: {},
      observed: countersOf([]),
      thresholds: DEFAULT_GATES.readiness,
    });
    expect(result.metrics).toMatchObject({
      users: 0,
      registeredShare: 1,
      predictedFailureShare: 0,
      registeredShareAfterHoldBack: 1,
      predictedFailureShareAfterHoldBack: 0,
    });
    expect(result.passesAfterHoldBack).toBe(true);
  });

  it("says how many users would be locked out after what the wave's numbers are", () => {
    const ids = Array.from({ length: 20 }, (_, i) => u(i + 1));
    const result = evaluate(ids, {
      [u(7)]: { isMfaRegistered: false, isMfaCapable: false, methodsRegistered: [] },
    });
    expect(result.verdict).toBe("Pass");
    expect(result.reasons).toEqual([
      "95% registered, 0% of users sign in with clients that cannot do MFA; the report-only policy would have prompted 20 of 20 sign-in attempts",
      "1 of 20 users would be locked out and should be held back",
    ]);
  });

  it("gives only the wave's numbers when nobody would be locked out", () => {
    const result = evaluate([1, 2].map(u), {});
    expect(result.reasons).toEqual([
      "100% registered, 0% of users sign in with clients that cannot do MFA; the report-only policy would have prompted 2 of 2 sign-in attempts",
    ]);
  });

  it("says 'none' when the registration lists no methods at all", () => {
    const result = evaluate([1, 2].map(u), { [u(1)]: { isMfaRegistered: true, isMfaCapable: false } });
    expect(result.holdBack[0]?.reason).toBe(
      "registered methods (none) are not allowed by the authentication methods policy",
    );
  });
});
