import { ManualClock } from "../../../../../local/clock";
import { createSimTenant } from "../../../../../local/graph-sim/tenant/create-tenant";
import { at, collect, GROUPS, resultOf, START, startRollout } from "./rollout-fixture";

const DAY = 86_400_000;

describe("registration details", () => {
  it("reflect the state at the clock, with Graph's fields", () => {
    const tenant = createSimTenant({ scenario: "clean", seed: 2, clock: new ManualClock(START) });
    const details = tenant.registrationDetails();
    expect(details).toHaveLength(87);
    const staff = details.find((d) => d.userPrincipalName === "alex.dubois@contoso.com")!;
    expect(staff).toMatchObject({
      isMfaRegistered: true,
      isMfaCapable: true,
      isAdmin: false,
      userType: "member",
      methodsRegistered: ["microsoftAuthenticatorPush", "mobilePhone"],
      userPreferredMethodForSecondaryAuthentication: "push",
    });
    expect(Date.parse(staff.lastUpdatedDateTime!)).toBeLessThan(Date.parse(START));
    const breakGlass = details.find((d) => d.userPrincipalName === "breakglass1@contoso.com")!;
    expect(breakGlass).toMatchObject({
      isAdmin: true,
      isPasswordlessCapable: true,
      methodsRegistered: ["fido2SecurityKey"],
    });
    expect(tenant.state().registeredUsers).toBe(87);
  });

  it("knobs register and unregister change sign-ins after now only", () => {
    const { tenant, clock, enforcedGroupId, enforced } = startRollout("clean");
    const user = tenant.listMemberIds(GROUPS.planners)[0]!;
    tenant.addMembers(enforcedGroupId, [user]);
    clock.advanceTo(at(4));
    tenant.applyKnob({ kind: "unregister", userId: user });
    const unregisteredAt = clock.now().toISOString();
    expect(tenant.registrationDetails().find((d) => d.id === user)).toMatchObject({
      isMfaRegistered: false,
      methodsRegistered: [],
      lastUpdatedDateTime: unregisteredAt,
    });
    clock.advanceTo(at(6));
    tenant.applyKnob({ kind: "register", userId: user, method: "softwareOneTimePasscode" });
    const registeredAt = clock.now().toISOString();
    clock.advanceTo(at(9));
    const mine = collect(tenant, at(1), at(9), [user]);
    for (const s of mine) {
      const gap = s.createdDateTime! > unregisteredAt && s.createdDateTime! <= registeredAt;
      expect(resultOf(s, enforced.id)).toBe(gap ? "failure" : "success");
      if (gap) expect(s.status?.errorCode).toBe(50079);
    }
    expect(mine.some((s) => s.status?.errorCode === 50079)).toBe(true);
    expect(
      tenant.registrationDetails().find((d) => d.id === user)?.userPreferredMethodForSecondaryAuthentication,
    ).toBe("oath");
    expect(() => tenant.applyKnob({ kind: "register", userId: "nobody@contoso.com" })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });
});

describe("unregistered: 12% register 3 to 14 days after first being asked", () => {
  const { tenant, clock, reportOnly } = startRollout("unregistered", 9, 2);
  const initially = new Set(
    tenant
      .registrationDetails()
      .filter((d) => !d.isMfaRegistered)
      .map((d) => d.id!),
  );

  it("starts with 10 of the 85 staff unregistered", () => {
    expect(initially.size).toBe(10);
    expect(tenant.state().registeredUsers).toBe(77);
  });

  it("each registers between 3 and 14 days after their first reportOnlyFailure, then is prompted normally", () => {
    clock.advanceTo(at(30));
    const signIns = collect(tenant, START, at(30), [...initially]).reverse();
    const registered = new Map(
      tenant
        .registrationDetails()
        .filter((d) => initially.has(d.id!))
        .map((d) => [d.id!, d]),
    );
    for (const userId of initially) {
      const mine = signIns.filter((s) => s.userId === userId);
      const firstAsk = mine.find((s) => resultOf(s, reportOnly.id) === "reportOnlyFailure")!;
      expect(firstAsk).toBeDefined();
      const detail = registered.get(userId)!;
      expect(detail.isMfaRegistered).toBe(true);
      const delay = Date.parse(detail.lastUpdatedDateTime!) - Date.parse(firstAsk.createdDateTime!);
      expect(delay).toBeGreaterThanOrEqual(3 * DAY);
      expect(delay).toBeLessThanOrEqual(14 * DAY);
      const covered = mine.filter((x) => resultOf(x, reportOnly.id) !== undefined);
      expect(covered.length).toBeGreaterThan(20);
      for (const s of covered) {
        const after = Date.parse(s.createdDateTime!) > Date.parse(detail.lastUpdatedDateTime!);
        expect(resultOf(s, reportOnly.id)).toBe(after ? "reportOnlyInterrupted" : "reportOnlyFailure");
      }
    }
  });

  it("never registers a user nobody asks", () => {
    const clock2 = new ManualClock(at(30));
    const quiet = createSimTenant({ scenario: "unregistered", seed: 9, clock: clock2 });
    expect(quiet.state().registeredUsers).toBe(77);
  });
});
