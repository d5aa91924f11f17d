import {
  DEFAULT_GATES,
  evaluateReadiness,
  type ReadinessThresholds,
  type RegistrationFacts,
} from "../../../../../shared/domain";
import { countersOf, u, type SignInSpec } from "../fixtures";

/** The readiness limits on both sides of their boundaries (defaults: 90% registered, 5% legacy). */
const registered: RegistrationFacts = {
  isMfaRegistered: true,
  isMfaCapable: true,
  methodsRegistered: ["microsoftAuthenticatorPush"],
};
const unregistered: RegistrationFacts = {
  isMfaRegistered: false,
  isMfaCapable: false,
  methodsRegistered: [],
};

/** `size` users, the first `unregisteredUsers` without MFA, the next `legacyUsers` on IMAP. */
function evaluate(
  size: number,
  { unregisteredUsers = 0, legacyUsers = 0 },
  thresholds: ReadinessThresholds = DEFAULT_GATES.readiness,
) {
  const userIds = Array.from({ length: size }, (_, i) => u(i + 1));
  const registration = Object.fromEntries(
    userIds.map((id, i) => [id, i < unregisteredUsers ? unregistered : registered]),
  );
  const specs: SignInSpec[] = userIds.map((_, i) => ({ user: i + 1, reportOnly: "reportOnlyInterrupted" }));
  for (let i = unregisteredUsers; i < unregisteredUsers + legacyUsers; i += 1)
    specs.push({ user: i + 1, client: "IMAP4" });
  return evaluateReadiness({ userIds, registration, observed: countersOf(specs), thresholds });
}

describe("readiness gate at its boundaries", () => {
  it("passes with exactly minRegisteredShare registered (9 of 10), fails one user short", () => {
    expect(evaluate(10, { unregisteredUsers: 1 }).verdict).toBe("Pass");
    const short = evaluate(10, { unregisteredUsers: 2 });
    expect(short.verdict).toBe("Fail");
    expect(short.reasons[0]).toBe("8 of 10 users (80%) have registered MFA; the gate needs 90%");
  });

  it("passes with exactly maxPredictedFailureShare on legacy clients (1 of 20), fails at 2", () => {
    expect(evaluate(20, { legacyUsers: 1 }).verdict).toBe("Pass");
    const over = evaluate(20, { legacyUsers: 2 });
    expect(over.verdict).toBe("Fail");
    expect(over.reasons[0]).toBe(
      "2 of 20 users (10%) sign in with clients that cannot do MFA; the gate allows 5%",
    );
  });

  it("passes after holding back when the rest meet a 100% registration, 0% legacy limit exactly", () => {
    const strict = { ...DEFAULT_GATES.readiness, minRegisteredShare: 1, maxPredictedFailureShare: 0 };
    const result = evaluate(10, { unregisteredUsers: 1, legacyUsers: 1 }, strict);
    expect(result.verdict).toBe("Fail");
    expect(result.holdBack.map((h) => h.userId)).toEqual([u(1), u(2)]);
    expect(result.metrics.registeredShareAfterHoldBack).toBe(1);
    expect(result.metrics.predictedFailureShareAfterHoldBack).toBe(0);
    expect(result.passesAfterHoldBack).toBe(true);
  });
});
