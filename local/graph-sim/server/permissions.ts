import type { SimTenant } from "../tenant/tenant-port";

/**
 * Microsoft Graph application permissions that allow each route (any one of them is enough),
 * from each API's "Permissions" table in the Graph v1.0 reference (least privileged first).
 * A route missing here is never refused.
 */
const DIRECTORY_READ = ["Directory.Read.All", "Directory.ReadWrite.All"];
const USER_READ = ["User.Read.All", "User.ReadWrite.All", ...DIRECTORY_READ];
const GROUP_READ = [
  "GroupMember.Read.All",
  "GroupMember.ReadWrite.All",
  "Group.Read.All",
  "Group.ReadWrite.All",
  ...DIRECTORY_READ,
];
const GROUP_MEMBER_WRITE = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];
const POLICY_READ = ["Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"];
const POLICY_WRITE = ["Policy.ReadWrite.ConditionalAccess"];
const REPORTS = ["AuditLog.Read.All"];

export const PROPERTY_READ_PERMISSIONS = {
  administrativeUnit: ["AdministrativeUnit.Read.All", "AdministrativeUnit.ReadWrite.All", ...DIRECTORY_READ],
} as const;

export const ROUTE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  "policies.list": POLICY_READ,
  "policies.get": POLICY_READ,
  "policies.create": POLICY_WRITE,
  "policies.patch": POLICY_WRITE,
  "policies.delete": POLICY_WRITE,
  "users.list": USER_READ,
  "users.get": USER_READ,
  "users.delete": ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  "groups.create": ["Group.Create", "Group.ReadWrite.All", "Directory.ReadWrite.All"],
  "groups.list": GROUP_READ,
  "groups.get": GROUP_READ,
  "groups.patch": GROUP_MEMBER_WRITE,
  "groups.members.list": GROUP_READ,
  "groups.delta": GROUP_READ,
  "groups.members.add": GROUP_MEMBER_WRITE,
  "groups.members.remove": GROUP_MEMBER_WRITE,
  "groups.members.deleteObject": ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  "groups.memberOf": GROUP_READ,
  "groups.memberOf.administrativeUnits": GROUP_READ,
  "signIns.list": REPORTS,
  "registrationDetails.list": REPORTS,
  "subscribedSkus.list": ["LicenseAssignment.Read.All", "Organization.Read.All", ...DIRECTORY_READ],
  "administrativeUnits.get": PROPERTY_READ_PERMISSIONS.administrativeUnit,
  "authorizationPolicy.get": ["Policy.Read.All", "Policy.ReadWrite.Authorization"],
};

/** True when the tenant grants every permission (the default) or one of `anyOf`. */
export function isAllowed(tenant: SimTenant, anyOf: readonly string[]): boolean {
  const granted = tenant.grantedPermissions?.();
  return granted === undefined || anyOf.some((permission) => granted.has(permission));
}

const MEMBERSHIP_WRITES = new Set(["groups.patch", "groups.members.add", "groups.members.remove"]);

/**
 * Protected groups refuse the app's tenant-wide permissions: a role-assignable group's members
 * change only with RoleManagement.ReadWrite.Directory as well, a restricted-management unit's
 * groups only with a role assigned at that unit's scope. Undefined: the write may go ahead.
 */
export function protectedGroupRefusal(
  tenant: SimTenant,
  routeName: string,
  params: Record<string, string>,
): string | undefined {
  if (!MEMBERSHIP_WRITES.has(routeName)) return undefined;
  const group = tenant.getGroup(params.id ?? "");
  if (!group?.id) return undefined;
  if (group.isAssignableToRole && !isAllowed(tenant, ["RoleManagement.ReadWrite.Directory"])) {
    return "Insufficient privileges to complete the operation.";
  }
  const restricted = (tenant.administrativeUnitsOf?.(group.id) ?? []).filter(
    (unit) => unit.isMemberManagementRestricted === true,
  );
  if (restricted.some((unit) => !tenant.appIsScopedGroupsAdministrator?.(unit.id ?? ""))) {
    return "Insufficient privileges to complete the operation.";
  }
  return undefined;
}
