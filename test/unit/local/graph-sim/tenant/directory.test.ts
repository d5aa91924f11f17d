import { ManualClock } from "../../../../../local/clock";
import { createSimTenant } from "../../../../../local/graph-sim/tenant/create-tenant";
import { GROUPS, START } from "./rollout-fixture";

function tenantAt(iso = START) {
  const clock = new ManualClock(iso);
  return { clock, tenant: createSimTenant({ scenario: "clean", seed: 3, clock }) };
}

describe("clean scenario directory", () => {
  const { tenant } = tenantAt();

  it("has 85 staff in the four well-known groups plus 2 break-glass accounts outside them", () => {
    expect(tenant.listUsers()).toHaveLength(87);
    const members = (id: string) => tenant.listMemberIds(id).length;
    expect(members(GROUPS.allStaff)).toBe(85);
    expect(members(GROUPS.itPilot)).toBe(15);
    expect(members(GROUPS.planners)).toBe(40);
    expect(members(GROUPS.salesAndFinance)).toBe(30);
    const breakGlass = tenant.findUser("breakglass1@contoso.com")!;
    expect(tenant.listMemberIds(GROUPS.allStaff)).not.toContain(breakGlass.id);
    expect(tenant.getGroup(GROUPS.allStaff)?.displayName).toBe("All staff");
  });

  it("finds users by id or UPN, case-insensitively", () => {
    const user = tenant.listUsers()[0]!;
    expect(tenant.findUser(user.userPrincipalName!.toUpperCase())?.id).toBe(user.id);
    expect(tenant.getUser(user.id!)?.userPrincipalName).toBe(user.userPrincipalName);
    expect(tenant.findUser("nobody@contoso.com")).toBeUndefined();
  });

  it("derives ids from the seed", () => {
    const other = createSimTenant({ scenario: "clean", seed: 4, clock: new ManualClock(START) });
    const again = createSimTenant({ scenario: "clean", seed: 3, clock: new ManualClock(START) });
    expect(again.listUsers().map((u) => u.id)).toEqual(tenant.listUsers().map((u) => u.id));
    expect(other.listUsers()[0]!.id).not.toBe(tenant.listUsers()[0]!.id);
  });
});

describe("group membership", () => {
  function setup() {
    const { tenant, clock } = tenantAt();
    const group = tenant.createGroup({
      displayName: "CA rollout R – enforced",
      mailNickname: "ca-r-enforced",
      mailEnabled: false,
      securityEnabled: true,
    });
    const [a, b, c] = tenant.listMemberIds(GROUPS.itPilot);
    return { tenant, clock, groupId: group.id!, a: a!, b: b!, c: c! };
  }

  it("adds all members or none (404 for an unknown object, 400 when one already is a member)", () => {
    const { tenant, groupId, a, b, c } = setup();
    expect(() => tenant.addMembers(groupId, [a, "00000000-0000-4000-8000-000000000000"])).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(tenant.listMemberIds(groupId)).toEqual([]);
    tenant.addMembers(groupId, [a]);
    expect(() => tenant.addMembers(groupId, [b, a])).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining("already exist") }),
    );
    expect(tenant.listMemberIds(groupId)).toEqual([a]);
    tenant.addMembers(groupId, [c, b]);
    expect(tenant.listMemberIds(groupId)).toEqual([a, c, b]);
  });

  it("removes a member, 404 for a non-member or unknown group", () => {
    const { tenant, groupId, a, b } = setup();
    tenant.addMembers(groupId, [a]);
    tenant.removeMember(groupId, a);
    expect(tenant.listMemberIds(groupId)).toEqual([]);
    expect(() => tenant.removeMember(groupId, b)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => tenant.addMembers("11111111-1111-4111-8111-111111111111", [a])).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });

  it("refuses membership changes on a dynamic-membership group", () => {
    const { tenant, a } = setup();
    const dynamic = tenant.createGroup({
      displayName: "Dynamic",
      mailNickname: "dyn",
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: ["DynamicMembership"],
      membershipRule: '(user.department -eq "IT")',
    });
    expect(() => tenant.addMembers(dynamic.id!, [a])).toThrow(expect.objectContaining({ status: 400 }));
  });

  it("validates group creation like Graph", () => {
    const { tenant } = setup();
    expect(() => tenant.createGroup({ displayName: "x", mailEnabled: false, securityEnabled: true })).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining("mailNickname") }),
    );
    expect(() => tenant.createGroup({ displayName: "x", mailNickname: "x", securityEnabled: true })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    const created = tenant.createGroup({
      displayName: "Role group",
      mailNickname: "role-group",
      mailEnabled: false,
      securityEnabled: true,
      isAssignableToRole: true,
    });
    expect(tenant.getGroup(created.id!)).toMatchObject({ isAssignableToRole: true, securityEnabled: true });
  });

  it("a deleted user leaves every group and the directory", () => {
    const { tenant, clock, a } = setup();
    clock.advanceBy(1000);
    tenant.applyKnob({ kind: "deleteUser", userId: a });
    expect(tenant.getUser(a)).toBeUndefined();
    expect(tenant.listMemberIds(GROUPS.allStaff)).not.toContain(a);
    expect(tenant.listUsers()).toHaveLength(86);
    expect(tenant.registrationDetails().some((r) => r.id === a)).toBe(false);
  });
});
