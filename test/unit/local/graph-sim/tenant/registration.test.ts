import { ManualClock } from "../../../../../local/clock";
import { createSimTenant } from "../../../../../local/graph-sim/tenant/create-tenant";
import {
  at,
  attemptsOf,
  codes,
  collect,
  GROUPS,
  quiet,
  resultOf,
  START,
  startRollout,
} from "./rollout-fixture";

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
    const { tenant, clock, enforcedGroupId, enforced } = startRollout(quiet("clean"));
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
    const mine = attemptsOf(collect(tenant, at(1, 1), at(9), [user]));
    for (const a of mine) {
      const start = a[0]!.createdDateTime!;
      // A knob takes the methods away: the enrolment interrupt, and nothing after it.
      if (start > unregisteredAt && start <= registeredAt) expect(codes(a)).toMatch(/^5007[29]$/);
      else expect(resultOf(a.at(-1)!, enforced.id)).toBe("success");
    }
    expect(mine.some((a) => codes(a) === "50079")).toBe(true);
    expect(
      tenant.registrationDetails().find((d) => d.id === user)?.userPreferredMethodForSecondaryAuthentication,
    ).toBe("oath");
    expect(() => tenant.applyKnob({ kind: "register", userId: "nobody@contoso.com" })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });
});

describe("unregistered: the enforced registration interrupt", () => {
  /** Enforces everyone on day 3 and returns the first sign-in attempts of the 10 unregistered. */
  function enforceAll(scenario: string | Record<string, unknown>) {
    const rollout = startRollout(scenario, 9, 2);
    const { tenant, clock, enforcedGroupId } = rollout;
    const initially = tenant
      .registrationDetails()
      .filter((d) => !d.isMfaRegistered)
      .map((d) => d.id!);
    clock.advanceTo(at(3));
    const enforcedAt = clock.now().toISOString();
    tenant.addMembers(enforcedGroupId, tenant.listMemberIds(GROUPS.allStaff));
    clock.advanceTo(at(30));
    const attempts = attemptsOf(collect(tenant, at(3), at(30), initially)).sort((a, b) =>
      a[0]!.createdDateTime! < b[0]!.createdDateTime! ? -1 : 1,
    );
    return { ...rollout, initially, enforcedAt, attempts };
  }

  it("starts with 10 of the 85 staff unregistered, and report-only never makes them register", () => {
    const { tenant, clock } = startRollout("unregistered", 9, 2);
    expect(tenant.state().registeredUsers).toBe(77);
    clock.advanceTo(at(30));
    expect(tenant.state().registeredUsers).toBe(77);
  });

  it("where the tenant allows it, each registers at their first enforced prompt and gets in", () => {
    const { tenant, initially, attempts } = enforceAll(quiet("unregistered"));
    expect(initially).toHaveLength(10);
    const details = new Map(tenant.registrationDetails().map((d) => [d.id!, d]));
    for (const userId of initially) {
      const mine = attempts.filter((a) => a[0]!.userId === userId);
      const first = mine.find((a) => a[0]!.clientAppUsed !== "IMAP4")!;
      expect(codes(first)).toMatch(/^5007[29],0$/);
      expect(details.get(userId)!.isMfaRegistered).toBe(true);
      expect(details.get(userId)!.lastUpdatedDateTime!.slice(0, 19)).toBe(
        first[1]!.createdDateTime!.slice(0, 19),
      );
      expect(mine.slice(1).every((a) => !/5007[29]/.test(codes(a)))).toBe(true);
    }
  });

  it("where it does not (`atPrompt: defer`), attempts end on the interrupt until they register 3 to 14 days later", () => {
    const deferred = { ...quiet("unregistered"), registration: { atPrompt: "defer" } };
    const { tenant, initially, attempts } = enforceAll(deferred);
    const details = new Map(tenant.registrationDetails().map((d) => [d.id!, d]));
    for (const userId of initially) {
      const mine = attempts.filter((a) => a[0]!.userId === userId);
      const registeredAt = details.get(userId)!.lastUpdatedDateTime!;
      const delay = Date.parse(registeredAt) - Date.parse(mine[0]![0]!.createdDateTime!);
      expect(delay).toBeGreaterThanOrEqual(3 * DAY);
      expect(delay).toBeLessThanOrEqual(14 * DAY);
      for (const a of mine) {
        const before = a[0]!.createdDateTime! < registeredAt;
        if (before) expect(codes(a)).toMatch(/^5007[29]$/);
        else expect(codes(a)).toMatch(/^(0|5007[46],0)$/);
      }
    }
  });
});
