import { checkHealth, checkReadiness, DEFAULT_GATES } from "../../../../../shared/domain";
import { countersOf, INVOICING_IOS, many, normalDay, u, type SignInSpec } from "../fixtures";

const waveUsers = Array.from({ length: 100 }, (_, i) => u(i + 1));
const controlUsers = Array.from({ length: 300 }, (_, i) => u(1000 + i));
const invoicingIos = INVOICING_IOS;

const baseline = countersOf([...normalDay(waveUsers), ...normalDay(controlUsers)]);
const state = { bakeComplete: true, extensions: 0, waveSize: 100, heldBack: 0 };

function check(current: SignInSpec[]) {
  return checkHealth({
    waveUserIds: waveUsers,
    controlUserIds: controlUsers,
    current: countersOf(current),
    baseline,
    gates: DEFAULT_GATES,
    state,
  });
}

describe("checkHealth: the stories the product exists for", () => {
  it("a healthy bake proceeds", () => {
    const result = check([...normalDay(waveUsers), ...normalDay(controlUsers)]);
    expect(result.health.verdict).toBe("Pass");
    expect(result.decision.decision).toBe("proceed");
  });

  it("four phones break on one app: hold those four back, go on with the rest", () => {
    const broken = [u(3), u(17), u(42), u(88)];
    const current = [
      ...normalDay(waveUsers.filter((id) => !broken.includes(id))),
      ...broken.flatMap((id) => [
        ...many(30, { user: id, ...invoicingIos, code: 500121 }),
        ...many(5, { user: id }),
      ]),
      ...normalDay(controlUsers),
    ];
    const result = check(current);
    // Four users' attempts hang together: they do not fail the whole wave, attribution catches them.
    expect(result.health.verdict).not.toBe("Fail");
    expect(result.systemic.systemic).toBe(false);
    expect(result.decision.decision).toBe("shrink");
    expect(result.decision.holdBack).toEqual(
      broken.map((userId) => ({
        userId,
        reason:
          "Contoso Invoicing on iOS: 30 of 30 sign-in attempts failed MFA (error 500121), none completed",
      })),
    );
  });

  it("an MFA provider outage hits everyone: pause, blame nobody", () => {
    const outage = (ids: string[]) =>
      ids.flatMap((id) => [...many(6, { user: id }), ...many(4, { user: id, code: 500121 })]);
    const result = check([...outage(waveUsers), ...outage(controlUsers)]);
    expect(result.health.verdict).toBe("Fail");
    expect(result.systemic.systemic).toBe(true);
    expect(result.decision).toMatchObject({ decision: "pause", holdBack: [] });
  });

  it("a broad failure of the wave alone pauses without shrinking", () => {
    const broad = waveUsers.flatMap((id) => [
      ...many(7, { user: id }),
      ...many(3, { user: id, code: 50074 }),
    ]);
    const result = check([...broad, ...normalDay(controlUsers)]);
    expect(result.systemic.systemic).toBe(false);
    expect(result.attribution?.concentrated).toBe(false);
    expect(result.decision).toMatchObject({ decision: "pause", holdBack: [] });
    expect(result.decision.reason).toMatch(/spread across the wave/);
  });
});

describe("checkReadiness", () => {
  it("holds back the unregistered few and proceeds with the rest", () => {
    const registration = Object.fromEntries(
      waveUsers.map((id, i) => [id, { isMfaRegistered: i >= 3, isMfaCapable: i >= 3 }]),
    );
    const observed = countersOf(
      waveUsers.map((id) => ({ user: id, reportOnly: "reportOnlyInterrupted" as const })),
    );
    const result = checkReadiness({
      userIds: waveUsers,
      registration,
      observed,
      gates: DEFAULT_GATES,
      state: { extensions: 0, waveSize: 100, heldBack: 0 },
    });
    expect(result.readiness.verdict).toBe("Pass");
    expect(result.decision.decision).toBe("shrink");
    expect(result.decision.holdBack.map((h) => h.userId)).toEqual([u(1), u(2), u(3)]);
  });
});
