import type { SignIn } from "@microsoft/microsoft-graph-types";
import {
  at,
  attemptsOf,
  codes,
  collect,
  failedAttempts,
  GROUPS,
  INVOICING,
  lines,
  quiet,
  resultOf,
  START,
  startRollout,
} from "./rollout-fixture";

const PROMPTS = new Set([50074, 50076]);
const userOf = (attempt: SignIn[]) => attempt[0]!.userId!;
const startOf = (attempt: SignIn[]) => attempt[0]!.createdDateTime!;

describe("clean: enforcement follows the membership and policy state at each instant", () => {
  const { tenant, clock, enforcedGroupId, reportOnly, enforced } = startRollout(quiet("clean"));
  const pilot = tenant.listMemberIds(GROUPS.itPilot);
  clock.advanceTo(at(4, 12));
  const movedAt = clock.now().toISOString();
  tenant.addMembers(enforcedGroupId, pilot);
  clock.advanceTo(at(9));
  const all = collect(tenant, START, at(9));
  const before = all.filter((s) => s.createdDateTime! <= movedAt);
  const after = all.filter((s) => s.createdDateTime! > movedAt);
  const pilotAfter = after.filter((s) => pilot.includes(s.userId!));

  it("without the everyday noise nobody fails: everyone is registered on capable clients", () => {
    expect(failedAttempts(all)).toEqual([]);
  });

  it("before the move the pilot is report-only: one row per sign-in, would-be-prompted or satisfied by a claim", () => {
    const pilotBefore = before.filter(
      (s) => pilot.includes(s.userId!) && s.createdDateTime! > "2026-01-06T00:00:00Z",
    );
    expect(pilotBefore.length).toBeGreaterThan(50);
    expect(attemptsOf(pilotBefore).every((a) => codes(a) === "0")).toBe(true);
    const results = new Set(pilotBefore.map((s) => resultOf(s, reportOnly.id)));
    expect(results).toEqual(new Set(["reportOnlyInterrupted", "reportOnlySuccess"]));
    for (const s of pilotBefore) {
      expect(resultOf(s, enforced.id)).toBe("notApplied");
      expect(s.conditionalAccessStatus).toBe("notApplied");
    }
  });

  it("after the move the pilot is prompted (interrupt, then success in the same correlation) or has a claim", () => {
    const attempts = attemptsOf(pilotAfter).filter((a) => startOf(a) > movedAt);
    expect(attempts.length).toBeGreaterThan(50);
    const shapes = new Set(attempts.map(codes));
    expect(shapes).toEqual(new Set(["50074,0", "50076,0", "0"]));
    for (const a of attempts) {
      const [first, answer] = a;
      if (answer) {
        expect(first!.conditionalAccessStatus).toBe("notApplied");
        const gap = Date.parse(answer.createdDateTime!) - Date.parse(first!.createdDateTime!);
        expect(gap).toBeGreaterThanOrEqual(2_000);
        expect(gap).toBeLessThanOrEqual(61_000);
        expect(answer.status?.additionalDetails).toBe("MFA completed in Azure AD");
      } else {
        expect(first!.status?.additionalDetails).toBe("MFA requirement satisfied by claim in the token");
      }
      const last = a.at(-1)!;
      expect(resultOf(last, enforced.id)).toBe("success");
      expect(resultOf(last, reportOnly.id)).toBe("reportOnlyNotApplied");
      expect(last.conditionalAccessStatus).toBe("success");
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
    expect(later.every((s) => resultOf(s, reportOnly.id)?.match(/^reportOnly(Interrupted|Success)$/))).toBe(
      true,
    );
    // Rows created up to two hours before the first read may not have arrived yet at that read.
    const settled = at(8, 22).toISOString();
    expect(lines(mine.filter((s) => s.createdDateTime! <= settled))).toEqual(
      lines(all.filter((s) => s.userId === user && s.createdDateTime! <= settled)),
    );
  });
});

describe("clean with the everyday noise (every scenario's default)", () => {
  const { tenant, clock, enforcedGroupId } = startRollout("clean", 3);
  const enforcedUsers = tenant.listMemberIds(GROUPS.allStaff);
  tenant.addMembers(enforcedGroupId, enforcedUsers.slice(0, 40));
  clock.advanceTo(at(22));
  const all = collect(tenant, START, at(22));
  const enforcedAttempts = attemptsOf(
    all.filter((s) => enforcedUsers.slice(0, 40).includes(s.userId!) && s.createdDateTime! > "2026-01-06T01"),
  );

  it("for an enforced user, at least half of the 50074 rows have a later errorCode-0 row with the same correlationId", () => {
    const byUser = new Map<string, SignIn[]>();
    for (const s of all) byUser.set(s.userId!, [...(byUser.get(s.userId!) ?? []), s]);
    for (const userId of enforcedUsers.slice(0, 40)) {
      const mine = byUser.get(userId)!;
      const prompts = mine.filter((s) => s.status?.errorCode === 50074);
      expect(prompts.length).toBeGreaterThan(5);
      const answered = prompts.filter((p) =>
        mine.some(
          (s) =>
            s.correlationId === p.correlationId &&
            s.status?.errorCode === 0 &&
            s.createdDateTime! > p.createdDateTime!,
        ),
      );
      expect(answered.length * 2).toBeGreaterThanOrEqual(prompts.length);
    }
  });

  it("enforced users sometimes abandon a prompt or decline a push; everybody sometimes mistypes a password", () => {
    const shapes = enforcedAttempts.map(codes);
    const share = (pred: (c: string) => boolean) => shapes.filter(pred).length / shapes.length;
    expect(share((c) => c === "50074" || c === "50076")).toBeGreaterThan(0.003);
    expect(share((c) => c === "50074" || c === "50076")).toBeLessThan(0.05);
    expect(share((c) => c.endsWith(",500121"))).toBeGreaterThan(0.001);
    expect(share((c) => c.endsWith(",500121"))).toBeLessThan(0.03);
    const wrongPasswords = all.filter((s) => s.status?.errorCode === 50126);
    expect(wrongPasswords.length / attemptsOf(all).length).toBeGreaterThan(0.005);
    expect(wrongPasswords.some((s) => !enforcedUsers.slice(0, 40).includes(s.userId!))).toBe(true);
    expect(wrongPasswords.every((s) => s.conditionalAccessStatus === "notApplied")).toBe(true);
  });

  it("writes createdDateTime with 7 fractional digits", () => {
    expect(all.every((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/.test(s.createdDateTime!))).toBe(true);
    expect(new Set(all.map((s) => s.createdDateTime!.slice(20, 27))).size).toBeGreaterThan(all.length / 2);
  });
});

describe("invoicing-app: Contoso Invoicing breaks on 4 users' iPhones", () => {
  const { tenant, clock, enforcedGroupId, reportOnly } = startRollout(quiet("invoicing-app"));
  const named = ["elif.ueda", "xavier.dubois", "priya.ivanova", "yara.dubois"].map(
    (n) => tenant.findUser(`${n}@contoso.com`)!.id!,
  );
  clock.advanceTo(at(8));
  const movedAt = clock.now().toISOString();
  // Everyone who uses the app: two planners and sales and finance, two of whose iPhones break.
  tenant.addMembers(enforcedGroupId, [
    ...tenant.listMemberIds(GROUPS.planners),
    ...tenant.listMemberIds(GROUPS.salesAndFinance),
  ]);
  clock.advanceTo(at(22));
  const all = collect(tenant, START, at(22));

  it("before enforcement: report-only shows them like everyone else, no failures", () => {
    const theirs = all.filter(
      (s) =>
        named.includes(s.userId!) &&
        s.appId === INVOICING &&
        s.createdDateTime! < movedAt &&
        s.createdDateTime! > "2026-01-06",
    );
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((s) => resultOf(s, reportOnly.id)?.match(/^reportOnly(Interrupted|Success)$/))).toBe(
      true,
    );
    expect(failedAttempts(all.filter((s) => s.createdDateTime! < movedAt))).toEqual([]);
  });

  it("after enforcement: the failed attempts are exactly those 4 users' Invoicing-on-iOS ones, ending on the prompt", () => {
    const failures = failedAttempts(all);
    expect(new Set(failures.map(userOf))).toEqual(new Set(named));
    for (const a of failures) {
      expect(a).toHaveLength(1);
      const [s] = a;
      expect(s!.createdDateTime! > movedAt).toBe(true);
      expect(s!.appId).toBe(INVOICING);
      expect(s!.deviceDetail?.operatingSystem).toBe("Ios");
      expect(PROMPTS.has(s!.status!.errorCode!)).toBe(true);
      expect(s!.conditionalAccessStatus).toBe("notApplied");
    }
    const brokenAttempts = attemptsOf(all).filter(
      (a) =>
        named.includes(userOf(a)) &&
        startOf(a) > movedAt &&
        a[0]!.appId === INVOICING &&
        a[0]!.deviceDetail?.operatingSystem === "Ios",
    );
    expect(brokenAttempts.length).toBe(failures.length);
    const sameUsersElsewhere = all.filter(
      (s) => named.includes(s.userId!) && s.createdDateTime! > movedAt && s.appId !== INVOICING,
    );
    expect(sameUsersElsewhere.length).toBeGreaterThan(0);
    expect(failedAttempts(sameUsersElsewhere)).toEqual([]);
  });
});

describe("mfa-outage: every MFA challenge fails for 2 hours on day 10", () => {
  const { tenant, clock, enforcedGroupId, enforced } = startRollout(quiet("mfa-outage"));
  const pilot = tenant.listMemberIds(GROUPS.itPilot);
  tenant.addMembers(enforcedGroupId, pilot);
  clock.advanceTo(at(12));
  const all = collect(tenant, START, at(12));
  const inWindow = (s: SignIn) =>
    s.createdDateTime! >= "2026-01-15T09:00:00Z" && s.createdDateTime! < "2026-01-15T11:00:00Z";

  it("prompted attempts end in 500121 only inside the window", () => {
    const failures = failedAttempts(all);
    expect(failures.length).toBeGreaterThan(0);
    for (const a of failures) {
      expect(inWindow(a[0]!)).toBe(true);
      expect(codes(a)).toMatch(/^5007[46],500121$/);
      expect(a[1]!.conditionalAccessStatus).toBe("failure");
    }
  });

  it("hits users outside any rollout too (through the existing SharePoint MFA policy)", () => {
    const outsiders = failedAttempts(all).filter((a) => !pilot.includes(userOf(a)));
    expect(outsiders.length).toBeGreaterThan(0);
    expect(outsiders.every((a) => resultOf(a[1]!, enforced.id) === "notApplied")).toBe(true);
    const pilotFailures = failedAttempts(all).filter((a) => pilot.includes(userOf(a)));
    expect(pilotFailures.length).toBeGreaterThan(0);
  });

  it("sign-ins that need no MFA, or carry an MFA claim, go through during the outage", () => {
    const unaffected = attemptsOf(all.filter(inWindow)).filter((a) => a.length === 1);
    expect(unaffected.length).toBeGreaterThan(0);
    expect(unaffected.every((a) => a[0]!.status?.errorCode === 0)).toBe(true);
    expect(
      unaffected.some(
        (a) => a[0]!.status?.additionalDetails === "MFA requirement satisfied by claim in the token",
      ),
    ).toBe(true);
  });

  it("an outage knob starting in the past is clipped to now, so history does not change", () => {
    const settled = at(11, 22);
    const before = collect(tenant, START, settled);
    tenant.applyKnob({ kind: "mfaOutage", from: at(11).toISOString(), to: at(12, 12).toISOString() });
    expect(lines(collect(tenant, START, settled))).toEqual(lines(before));
    clock.advanceTo(at(13));
    const next = failedAttempts(collect(tenant, at(12), at(12, 12)));
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((a) => a.at(-1)!.status?.errorCode === 500121)).toBe(true);
  });
});

describe("legacy-clients: IMAP/POP/ActiveSync cannot do MFA", () => {
  const { tenant, clock, enforcedGroupId, reportOnly } = startRollout(quiet("legacy-clients"));
  const legacyClients = ["IMAP4", "POP3", "Exchange ActiveSync"];
  clock.advanceTo(at(6));
  const movedAt = clock.now().toISOString();
  tenant.addMembers(enforcedGroupId, tenant.listMemberIds(GROUPS.allStaff));
  clock.advanceTo(at(12));
  const all = collect(tenant, START, at(12));
  const legacy = all.filter(
    (s) => legacyClients.includes(s.clientAppUsed!) && s.createdDateTime! > "2026-01-06",
  );

  it("report-only shows legacy sign-ins as 'user action required', like any other would-be prompt", () => {
    const early = legacy.filter((s) => s.createdDateTime! < movedAt);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((s) => resultOf(s, reportOnly.id) === "reportOnlyInterrupted")).toBe(true);
    expect(failedAttempts(early)).toEqual([]);
  });

  it("under enforcement every legacy attempt is one terminal 50076 row, and nothing else fails", () => {
    const late = legacy.filter((s) => s.createdDateTime! > movedAt);
    expect(late.length).toBeGreaterThan(0);
    expect(attemptsOf(late).every((a) => codes(a) === "50076")).toBe(true);
    expect(late.every((s) => s.conditionalAccessStatus === "failure")).toBe(true);
    expect(
      new Set(
        failedAttempts(all)
          .flat()
          .map((s) => s.id),
      ),
    ).toEqual(new Set(late.map((s) => s.id)));
    expect(new Set(late.map((s) => s.userId)).size).toBe(5);
  });
});

describe("service-accounts: password-only accounts in 'All staff'", () => {
  const { tenant, clock, enforcedGroupId, reportOnly } = startRollout(quiet("service-accounts"));
  const services = ["svc-invoice-sync", "svc-scan-to-mail", "svc-reporting"].map(
    (n) => tenant.findUser(`${n}@contoso.com`)!.id!,
  );
  clock.advanceTo(at(5));
  tenant.addMembers(enforcedGroupId, services);
  clock.advanceTo(at(8));
  const all = collect(tenant, at(1, 1), at(8));

  it("are in the population, unregistered, sign in around the clock, would be prompted, then fail with 50076", () => {
    expect(tenant.listMemberIds(GROUPS.allStaff)).toEqual(expect.arrayContaining(services));
    const details = tenant.registrationDetails().filter((d) => services.includes(d.id!));
    expect(details.every((d) => d.isMfaRegistered === false)).toBe(true);
    const theirs = all.filter((s) => services.includes(s.userId!));
    const early = theirs.filter((s) => s.createdDateTime! < "2026-01-10");
    const late = theirs.filter((s) => s.createdDateTime! > "2026-01-10T00:00:01Z");
    expect(early.every((s) => resultOf(s, reportOnly.id) === "reportOnlyInterrupted")).toBe(true);
    expect(late.length).toBeGreaterThan(0);
    expect(attemptsOf(late).every((a) => codes(a) === "50076")).toBe(true);
    expect(failedAttempts(all).every((a) => services.includes(userOf(a)))).toBe(true);
  });
});
