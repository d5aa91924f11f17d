import type { ConditionalAccessPolicy, SignIn } from "@microsoft/microsoft-graph-types";
import { ManualClock } from "../../../../../local/clock";
import { createSimTenant } from "../../../../../local/graph-sim/tenant/create-tenant";
import type { SimTenant } from "../../../../../local/graph-sim/tenant/tenant-port";
import { at, collect, GROUPS, lines, START } from "./rollout-fixture";

function tenantAt(
  day: number,
  seed: number | string = 5,
  scenario = "clean",
): { tenant: SimTenant; clock: ManualClock } {
  const clock = new ManualClock(at(day));
  return { clock, tenant: createSimTenant({ scenario, seed, clock }) };
}

function isNewestFirst(list: SignIn[]): boolean {
  return list.every((s, i) => {
    const prev = list[i - 1];
    if (!prev) return true;
    return (
      prev.createdDateTime! > s.createdDateTime! ||
      (prev.createdDateTime === s.createdDateTime && prev.id! > s.id!)
    );
  });
}

describe("sign-in stream", () => {
  const { tenant } = tenantAt(14);
  const all = collect(tenant, START, at(14));

  it("is newest first by (createdDateTime, id), inside [from, to], with unique ids", () => {
    expect(all.length).toBeGreaterThan(2_000);
    expect(isNewestFirst(all)).toBe(true);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(all.at(-1)!.createdDateTime! >= "2026-01-05T00:00:00Z").toBe(true);
    expect(all[0]!.createdDateTime! <= "2026-01-19T00:00:00Z").toBe(true);
  });

  it("makes about 4 sign-ins per person per weekday, in working hours, few at weekends", () => {
    const monday = all.filter((s) => s.createdDateTime!.startsWith("2026-01-12"));
    const saturday = all.filter((s) => s.createdDateTime!.startsWith("2026-01-10"));
    expect(monday.length).toBe(85 * 4);
    expect(saturday.length).toBeLessThan(85 * 4 * 0.2);
    const hours = monday.map((s) => Number(s.createdDateTime!.slice(11, 13)));
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...hours)).toBeLessThan(19);
  });

  it("never returns sign-ins from the future: `to` is clamped to the clock", () => {
    const later = collect(tenant, START, "2026-03-01T00:00:00Z");
    expect(lines(later)).toEqual(lines(all));
  });

  it("is deterministic: same query, same seed → identical; another seed → different ids", () => {
    const again = tenantAt(14).tenant;
    expect(lines(collect(again, START, at(14)))).toEqual(lines(all));
    expect(lines(collect(tenant, START, at(14)))).toEqual(lines(all));
    const other = collect(tenantAt(14, 6).tenant, START, at(14));
    expect(other[0]!.id).not.toBe(all[0]!.id);
  });

  it("resumes strictly after a cursor, so pages concatenate to the full stream", () => {
    const pages: SignIn[] = [];
    let after: { createdDateTime: string; id: string } | undefined;
    for (;;) {
      const page: SignIn[] = [];
      for (const s of tenant.signIns({ from: new Date(START), to: at(14), after })) {
        page.push(s);
        if (page.length === 333) break;
      }
      pages.push(...page);
      if (page.length < 333) break;
      const last = page.at(-1)!;
      after = { createdDateTime: last.createdDateTime!, id: last.id! };
    }
    expect(lines(pages)).toEqual(lines(all));
  });

  it("narrows generation to userIds without changing those users' sign-ins", () => {
    const ids = tenant.listMemberIds(GROUPS.itPilot).slice(0, 3);
    const narrowed = collect(tenant, START, at(14), ids);
    expect(lines(narrowed)).toEqual(lines(all.filter((s) => ids.includes(s.userId!))));
  });

  it("the knob signInsPerUserPerDay changes the rate from now on, not the past", () => {
    const { tenant: t, clock } = tenantAt(7);
    const before = collect(t, START, at(7));
    t.applyKnob({ kind: "signInsPerUserPerDay", value: 8 });
    clock.advanceTo(at(9));
    expect(lines(collect(t, START, at(7)))).toEqual(lines(before));
    const thursday = collect(t, at(8), at(9)).filter(
      (s) => s.userPrincipalName !== "breakglass1@contoso.com",
    );
    expect(thursday.length).toBe(85 * 8);
    expect(() => t.applyKnob({ kind: "signInsPerUserPerDay", value: -1 })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });

  it("enforcing a first policy changes nothing already logged, and prompts only after it", () => {
    const { tenant: t, clock } = tenantAt(3, 8);
    // Days 2 and 3 only: the day indexes stay cached across the policy change.
    const before = collect(t, at(2), at(3));
    t.createPolicy({
      displayName: "Require MFA",
      state: "enabled",
      conditions: {
        users: { includeGroups: [GROUPS.itPilot] },
        applications: { includeApplications: ["All"] },
        clientAppTypes: ["all"],
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    } as ConditionalAccessPolicy);
    clock.advanceTo(at(5));
    expect(lines(collect(t, at(2), at(3)))).toEqual(lines(before));
    const after = collect(t, at(3), at(4));
    const prompts = after.filter((s) => s.status?.errorCode === 50074);
    const answered = prompts.filter((p) =>
      after.some((s) => s.correlationId === p.correlationId && s.status?.errorCode === 0),
    );
    expect(prompts.length).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThan(prompts.length / 2);
  });

  it("a deleted user's sign-ins stop after the deletion and the earlier ones remain", () => {
    const { tenant: t, clock } = tenantAt(3);
    const userId = t.listMemberIds(GROUPS.planners)[0]!;
    const before = collect(t, START, at(3), [userId]);
    t.applyKnob({ kind: "deleteUser", userId });
    clock.advanceTo(at(10));
    expect(lines(collect(t, START, at(10), [userId]))).toEqual(lines(before));
  });

  it("streams a generated tenant (large scenario, small size) in order", () => {
    const clock = new ManualClock(at(2, 12));
    const large = createSimTenant({ scenario: "large", seed: 1, clock, size: 2_000 });
    expect(large.listUsers()).toHaveLength(2_002);
    const list = collect(large, at(1), at(2, 12));
    expect(isNewestFirst(list)).toBe(true);
    expect(list.filter((s) => s.createdDateTime!.startsWith("2026-01-06")).length).toBe(2_000 * 2);
    expect(list.every((s) => Date.parse(s.createdDateTime!) <= clock.now().getTime())).toBe(true);
  });

  it("orders a big day (counting sort) exactly as a small one (comparator sort)", () => {
    const clock = new ManualClock(at(1));
    const big = createSimTenant({ scenario: "large", seed: 2, clock, size: 12_000 });
    const window = collect(big, at(0, 10), at(0, 11));
    expect(window.length).toBeGreaterThan(1_000);
    expect(isNewestFirst(window)).toBe(true);
    const some = [...new Set(window.map((s) => s.userId!))].slice(0, 50);
    expect(collect(big, at(0, 10), at(0, 11), some)).toEqual(window.filter((s) => some.includes(s.userId!)));
  });

  it("returns exactly the slice of a window inside one day", () => {
    const window = collect(tenant, at(7, 10), at(7, 12));
    expect(window).toEqual(
      all.filter(
        (s) => s.createdDateTime! >= "2026-01-12T10:00:00Z" && s.createdDateTime! <= "2026-01-12T12:00:00Z",
      ),
    );
    expect(window.length).toBeGreaterThan(0);
  });
});
