import type { SignIn } from "@microsoft/microsoft-graph-types";
import { at, collect, GROUPS, INVOICING, lines, resultOf, START, startRollout } from "./rollout-fixture";

const failed = (list: SignIn[]) => list.filter((s) => s.conditionalAccessStatus === "failure");

describe("clean: enforcement follows the membership and policy state at each instant", () => {
  const { tenant, clock, enforcedGroupId, reportOnly, enforced } = startRollout("clean");
  const pilot = tenant.listMemberIds(GROUPS.itPilot);
  clock.advanceTo(at(4, 12));
  const movedAt = clock.now().toISOString();
  tenant.addMembers(enforcedGroupId, pilot);
  clock.advanceTo(at(9));
  const all = collect(tenant, START, at(9));
  const before = all.filter((s) => s.createdDateTime! <= movedAt);
  const after = all.filter((s) => s.createdDateTime! > movedAt);
  const pilotAfter = after.filter((s) => pilot.includes(s.userId!));

  it("nobody fails: everyone is registered on capable clients", () => {
    expect(failed(all)).toEqual([]);
  });

  it("before the move the pilot is report-only (interrupted = would be prompted)", () => {
    const pilotBefore = before.filter(
      (s) => pilot.includes(s.userId!) && s.createdDateTime! > "2026-01-06T00:00:00Z",
    );
    expect(pilotBefore.length).toBeGreaterThan(50);
    for (const s of pilotBefore) {
      expect(resultOf(s, reportOnly.id)).toBe("reportOnlyInterrupted");
      expect(resultOf(s, enforced.id)).toBe("notApplied");
      expect(s.conditionalAccessStatus).toBe("notApplied");
    }
  });

  it("after the move the pilot's sign-ins are enforced (and only theirs)", () => {
    expect(pilotAfter.length).toBeGreaterThan(50);
    for (const s of pilotAfter) {
      expect(resultOf(s, enforced.id)).toBe("success");
      expect(resultOf(s, reportOnly.id)).toBe("reportOnlyNotApplied");
      expect(s.conditionalAccessStatus).toBe("success");
    }
    const others = after.filter((s) => !pilot.includes(s.userId!));
    expect(others.every((s) => resultOf(s, enforced.id) === "notApplied")).toBe(true);
  });

  it("sign-ins before the policies existed show no policy at all", () => {
    const day0 = all.filter((s) => s.createdDateTime! < "2026-01-06T00:00:00Z");
    expect(day0.length).toBeGreaterThan(0);
    expect(day0.every((s) => s.appliedConditionalAccessPolicies!.length === 0)).toBe(true);
  });

  it("break-glass accounts are excluded from both policies", () => {
    const breakGlass = all.filter((s) => s.userPrincipalName!.startsWith("breakglass"));
    expect(breakGlass.length).toBeGreaterThan(0);
    for (const s of breakGlass) {
      expect(resultOf(s, reportOnly.id)).toBe("reportOnlyNotApplied");
      expect(resultOf(s, enforced.id)).toBe("notApplied");
    }
  });

  it("removing a user from enforcement returns them to report-only from then on", () => {
    const user = pilot[0]!;
    tenant.removeMember(enforcedGroupId, user);
    const removedAt = clock.now().toISOString();
    clock.advanceTo(at(12));
    const mine = collect(tenant, START, at(12), [user]);
    const later = mine.filter((s) => s.createdDateTime! > removedAt);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((s) => resultOf(s, reportOnly.id) === "reportOnlyInterrupted")).toBe(true);
    expect(lines(mine.filter((s) => s.createdDateTime! <= removedAt))).toEqual(
      lines(all.filter((s) => s.userId === user)),
    );
  });
});

describe("invoicing-app: Contoso Invoicing breaks on 4 users' iPhones", () => {
  const { tenant, clock, enforcedGroupId, reportOnly } = startRollout("invoicing-app");
  const named = ["elif.ueda", "imani.yilmaz", "xavier.dubois", "dana.ueda"].map(
    (n) => tenant.findUser(`${n}@contoso.com`)!.id!,
  );
  clock.advanceTo(at(8));
  const movedAt = clock.now().toISOString();
  tenant.addMembers(enforcedGroupId, tenant.listMemberIds(GROUPS.salesAndFinance));
  clock.advanceTo(at(22));
  const all = collect(tenant, START, at(22));

  it("before enforcement: report-only shows them as would-be-prompted, no failures", () => {
    const theirs = all.filter(
      (s) =>
        named.includes(s.userId!) &&
        s.appId === INVOICING &&
        s.createdDateTime! < movedAt &&
        s.createdDateTime! > "2026-01-06",
    );
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((s) => resultOf(s, reportOnly.id) === "reportOnlyInterrupted")).toBe(true);
    expect(failed(all.filter((s) => s.createdDateTime! < movedAt))).toEqual([]);
  });

  it("after enforcement: the failures are exactly those 4 users, on iOS, in Contoso Invoicing, with 50074", () => {
    const failures = failed(all);
    expect(new Set(failures.map((s) => s.userId))).toEqual(new Set(named));
    for (const s of failures) {
      expect(s.createdDateTime! > movedAt).toBe(true);
      expect(s.appId).toBe(INVOICING);
      expect(s.deviceDetail?.operatingSystem).toBe("Ios");
      expect(s.status?.errorCode).toBe(50074);
    }
    const sameUsersElsewhere = all.filter(
      (s) => named.includes(s.userId!) && s.createdDateTime! > movedAt && s.appId !== INVOICING,
    );
    expect(sameUsersElsewhere.length).toBeGreaterThan(0);
    expect(failed(sameUsersElsewhere)).toEqual([]);
  });
});

describe("mfa-outage: every MFA challenge fails for 2 hours on day 10", () => {
  const { tenant, clock, enforcedGroupId, enforced } = startRollout("mfa-outage");
  const pilot = tenant.listMemberIds(GROUPS.itPilot);
  tenant.addMembers(enforcedGroupId, pilot);
  clock.advanceTo(at(12));
  const all = collect(tenant, START, at(12));
  const inWindow = (s: SignIn) =>
    s.createdDateTime! >= "2026-01-15T09:00:00Z" && s.createdDateTime! < "2026-01-15T11:00:00Z";

  it("fails with 500121 only inside the window", () => {
    const failures = failed(all);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every(inWindow)).toBe(true);
    expect(failures.every((s) => s.status?.errorCode === 500121)).toBe(true);
  });

  it("hits users outside any rollout too (through the existing SharePoint MFA policy)", () => {
    const outsiders = failed(all).filter((s) => !pilot.includes(s.userId!));
    expect(outsiders.length).toBeGreaterThan(0);
    expect(outsiders.every((s) => resultOf(s, enforced.id) === "notApplied")).toBe(true);
    const pilotFailures = failed(all).filter((s) => pilot.includes(s.userId!));
    expect(pilotFailures.length).toBeGreaterThan(0);
  });

  it("sign-ins that need no MFA go through during the outage", () => {
    const unaffected = all.filter((s) => inWindow(s) && s.conditionalAccessStatus === "notApplied");
    expect(unaffected.length).toBeGreaterThan(0);
    expect(unaffected.every((s) => s.status?.errorCode === 0)).toBe(true);
  });

  it("an outage knob starting in the past is clipped to now, so history does not change", () => {
    const before = collect(tenant, START, at(12));
    tenant.applyKnob({ kind: "mfaOutage", from: at(11).toISOString(), to: at(12, 12).toISOString() });
    expect(lines(collect(tenant, START, at(12)))).toEqual(lines(before));
    clock.advanceTo(at(13));
    const next = collect(tenant, at(12), at(12, 12)).filter(
      (s) => s.conditionalAccessStatus !== "notApplied",
    );
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((s) => s.status?.errorCode === 500121)).toBe(true);
  });
});

describe("legacy-clients: IMAP/POP/ActiveSync cannot do MFA", () => {
  const { tenant, clock, enforcedGroupId, reportOnly } = startRollout("legacy-clients");
  const legacyUsers = ["IMAP4", "POP3", "Exchange ActiveSync"];
  clock.advanceTo(at(6));
  const movedAt = clock.now().toISOString();
  tenant.addMembers(enforcedGroupId, tenant.listMemberIds(GROUPS.allStaff));
  clock.advanceTo(at(12));
  const all = collect(tenant, START, at(12));
  const legacy = all.filter(
    (s) => legacyUsers.includes(s.clientAppUsed!) && s.createdDateTime! > "2026-01-06",
  );

  it("report-only marks legacy sign-ins reportOnlyFailure before enforcement", () => {
    const early = legacy.filter((s) => s.createdDateTime! < movedAt);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((s) => resultOf(s, reportOnly.id) === "reportOnlyFailure")).toBe(true);
    expect(failed(early)).toEqual([]);
  });

  it("under enforcement every legacy sign-in fails with 53003 and nothing else fails", () => {
    const late = legacy.filter((s) => s.createdDateTime! > movedAt);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((s) => s.status?.errorCode === 53003)).toBe(true);
    expect(new Set(failed(all).map((s) => s.id))).toEqual(new Set(late.map((s) => s.id)));
    expect(new Set(late.map((s) => s.userId)).size).toBe(5);
  });
});

describe("service-accounts: password-only accounts in 'All staff'", () => {
  const { tenant, clock, enforcedGroupId, reportOnly } = startRollout("service-accounts");
  const services = ["svc-invoice-sync", "svc-scan-to-mail", "svc-reporting"].map(
    (n) => tenant.findUser(`${n}@contoso.com`)!.id!,
  );
  clock.advanceTo(at(5));
  tenant.addMembers(enforcedGroupId, services);
  clock.advanceTo(at(8));
  const all = collect(tenant, at(1, 1), at(8));

  it("are in the population, unregistered, sign in around the clock, fail report-only and then 50076", () => {
    expect(tenant.listMemberIds(GROUPS.allStaff)).toEqual(expect.arrayContaining(services));
    const details = tenant.registrationDetails().filter((d) => services.includes(d.id!));
    expect(details.every((d) => d.isMfaRegistered === false)).toBe(true);
    const theirs = all.filter((s) => services.includes(s.userId!));
    const early = theirs.filter((s) => s.createdDateTime! < "2026-01-10");
    const late = theirs.filter((s) => s.createdDateTime! > "2026-01-10T00:00:01Z");
    expect(early.every((s) => resultOf(s, reportOnly.id) === "reportOnlyFailure")).toBe(true);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((s) => s.status?.errorCode === 50076)).toBe(true);
    expect(failed(all).every((s) => services.includes(s.userId!))).toBe(true);
  });
});
