import {
  at,
  attemptsOf,
  codes,
  collect,
  failedAttempts,
  GROUPS,
  INVOICING,
  quiet,
  resultOf,
  START,
  startRollout,
} from "./rollout-fixture";

describe("knobs and policy changes take effect from the moment they are made", () => {
  it("breakApp fails that app on that platform for those users only, after now", () => {
    const { tenant, clock, enforcedGroupId } = startRollout(quiet("clean"));
    const salesAndFinance = tenant.listMemberIds(GROUPS.salesAndFinance);
    tenant.addMembers(enforcedGroupId, salesAndFinance);
    clock.advanceTo(at(5));
    const iosUsers = salesAndFinance.filter((id) =>
      collect(tenant, START, at(5), [id]).some((s) => s.deviceDetail?.operatingSystem === "Ios"),
    );
    const broken = iosUsers.slice(0, 3);
    expect(broken).toHaveLength(3);
    tenant.applyKnob({ kind: "breakApp", appId: INVOICING, platform: "ios", userIds: broken });
    const brokenAt = clock.now().toISOString();
    clock.advanceTo(at(26));
    const failures = failedAttempts(collect(tenant, START, at(26)));
    expect(failures.length).toBeGreaterThan(0);
    for (const [s, ...rest] of failures) {
      expect(rest).toEqual([]);
      expect(broken).toContain(s!.userId);
      expect(s!.createdDateTime! > brokenAt).toBe(true);
      expect(s!.appId).toBe(INVOICING);
      expect(s!.deviceDetail?.operatingSystem).toBe("Ios");
      expect([50074, 50076]).toContain(s!.status?.errorCode);
    }
  });

  it("rejects malformed knobs with 400 and unknown users with 404", () => {
    const { tenant } = startRollout("clean");
    const user = tenant.listMemberIds(GROUPS.itPilot)[0]!;
    const bad = [
      { kind: "breakApp", appId: INVOICING, platform: "iPhone", userIds: [user] },
      { kind: "mfaOutage", from: "tomorrow", to: "later" },
      { kind: "register", userId: user, method: "carrierPigeon" },
      { kind: "teleport" },
    ];
    for (const knob of bad) {
      expect(() => tenant.applyKnob(knob as never)).toThrow(expect.objectContaining({ status: 400 }));
    }
    expect(() => tenant.applyKnob({ kind: "unregister", userId: "ghost@contoso.com" })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });

  it("switching the report-only policy to enabled changes outcomes after the switch only", () => {
    const { tenant, clock, reportOnly } = startRollout(quiet("unregistered"), 4);
    clock.advanceTo(at(3, 12));
    tenant.patchPolicy(reportOnly.id!, { state: "enabled" });
    const switchedAt = clock.now().toISOString();
    clock.advanceTo(at(5));
    const all = collect(tenant, at(1, 1), at(5));
    const before = all.filter((s) => s.createdDateTime! <= switchedAt);
    const after = attemptsOf(all).filter((a) => a[0]!.createdDateTime! > switchedAt);
    expect(before.every((s) => resultOf(s, reportOnly.id)!.startsWith("reportOnly"))).toBe(true);
    expect(failedAttempts(before)).toEqual([]);
    expect(after.every((a) => ["success", "notApplied"].includes(resultOf(a.at(-1)!, reportOnly.id)!))).toBe(
      true,
    );
    // The unregistered meet the registration interrupt, register on the spot and get in.
    const shapes = new Set(after.map(codes));
    expect(shapes).toEqual(new Set(["0", "50074,0", "50076,0", "50072,0", "50079,0"]));
    expect(failedAttempts(after.flat())).toEqual([]);
  });
});
