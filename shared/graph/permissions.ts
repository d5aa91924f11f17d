/**
 * Least-privilege Microsoft Graph APPLICATION permissions, per gateway operation, with the calls
 * each one makes. The infra contract test checks both ways: every permission the managed
 * identity is granted appears here, and every permission here is granted.
 *
 * Read permissions are not listed where a granted ReadWrite one already covers them
 * (GroupMember.ReadWrite.All reads groups' basic properties and members). Never needed, never
 * to be granted: User.ReadWrite.All or Directory.ReadWrite.All — with either, a member-removal
 * URL missing its `/$ref` would delete the user (see member-ref.ts).
 */
export interface OperationPermissions {
  permissions: readonly GraphApplicationPermission[];
  /** Needed only in the situation described. */
  conditional?: { permissions: readonly string[]; when: string };
  /** The HTTP calls the operation makes (below the version segment). */
  calls: readonly string[];
}

export type GraphApplicationPermission =
  | "AdministrativeUnit.Read.All"
  | "AuditLog.Read.All"
  | "Group.Create"
  | "GroupMember.ReadWrite.All"
  | "LicenseAssignment.Read.All"
  | "Policy.Read.All"
  | "Policy.ReadWrite.ConditionalAccess"
  | "User.Read.All";

export const GRAPH_OPERATION_PERMISSIONS = {
  ensureGroup: {
    permissions: ["Group.Create", "GroupMember.ReadWrite.All"],
    conditional: {
      permissions: ["RoleManagement.ReadWrite.Directory"],
      when: "asked to create a role-assignable group (isAssignableToRole; setup does not)",
    },
    calls: ["GET /groups/{id}", "GET /groups?$filter=displayName eq", "POST /groups"],
  },
  addMembers: {
    permissions: ["GroupMember.ReadWrite.All"],
    conditional: {
      permissions: ["RoleManagement.ReadWrite.Directory"],
      when: "the managed groups were made role-assignable by an admin (the preflight checks)",
    },
    calls: ["POST /$batch", "PATCH /groups/{id} (members@odata.bind)", "POST /groups/{id}/members/$ref"],
  },
  removeMembers: {
    permissions: ["GroupMember.ReadWrite.All"],
    conditional: {
      permissions: ["RoleManagement.ReadWrite.Directory"],
      when: "the managed groups were made role-assignable by an admin (the preflight checks)",
    },
    calls: ["POST /$batch", "DELETE /groups/{id}/members/{id}/$ref"],
  },
  listGroupMemberIds: {
    permissions: ["GroupMember.ReadWrite.All"],
    calls: ["GET /groups/{id}/members?$select=id&$top=999"],
  },
  groupMembersDelta: {
    permissions: ["GroupMember.ReadWrite.All"],
    calls: ["GET /groups/delta?$filter=id eq '{id}' or …&$select=members", "GET {@odata.deltaLink}"],
  },
  getPolicy: {
    permissions: ["Policy.Read.All"],
    calls: ["GET /identity/conditionalAccess/policies/{id}"],
  },
  getPolicies: {
    permissions: ["Policy.Read.All"],
    calls: ["GET /identity/conditionalAccess/policies"],
  },
  policyControlsFrom: {
    permissions: ["Policy.Read.All"],
    calls: ["GET /identity/conditionalAccess/policies/{id}"],
  },
  ensurePolicy: {
    // Graph documents both as required for creating a Conditional Access policy.
    permissions: ["Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"],
    calls: [
      "GET /identity/conditionalAccess/policies/{id}",
      "GET /identity/conditionalAccess/policies",
      "POST /identity/conditionalAccess/policies",
    ],
  },
  updatePolicyExclusions: {
    permissions: ["Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"],
    calls: [
      "GET /identity/conditionalAccess/policies/{id}",
      "PATCH /identity/conditionalAccess/policies/{id}",
    ],
  },
  streamSignIns: {
    // appliedConditionalAccessPolicies is only filled in when the app can also read policies.
    permissions: ["AuditLog.Read.All", "Policy.Read.All"],
    calls: ["GET /auditLogs/signIns"],
  },
  streamRegistrationDetails: {
    permissions: ["AuditLog.Read.All"],
    calls: ["GET /reports/authenticationMethods/userRegistrationDetails"],
  },
  getUsers: {
    permissions: ["User.Read.All"],
    calls: ["POST /$batch", "GET /users/{id}"],
  },
  getGroupProtection: {
    // Without AdministrativeUnit.Read.All memberOf lists units with id and type only, so whether
    // they restrict management (isMemberManagementRestricted) could not be read.
    permissions: ["GroupMember.ReadWrite.All", "AdministrativeUnit.Read.All"],
    calls: [
      "POST /$batch",
      "GET /groups/{id}?$select=id,displayName,isAssignableToRole",
      "GET /groups/{id}/memberOf/microsoft.graph.administrativeUnit",
      "POST /groups/{id}/members/$ref (the nil object id: adds nobody)",
    ],
  },
  findGroupIdsByName: {
    permissions: ["GroupMember.ReadWrite.All"],
    calls: ["POST /$batch", "GET /groups?$filter=displayName eq"],
  },
  listSubscribedSkus: {
    // Least privileged for GET /subscribedSkus (Organization.Read.All and Directory.Read.All are broader).
    permissions: ["LicenseAssignment.Read.All"],
    calls: ["GET /subscribedSkus"],
  },
  probePermissions: {
    // Needs nothing: a 403 is the answer it is looking for (see permission-probes.ts).
    permissions: [],
    calls: [
      "POST /$batch",
      "GET /users/{nil}",
      "POST /groups (invalid body)",
      "POST /groups/{nil}/members/$ref",
      "GET /policies/authorizationPolicy",
      "PATCH /identity/conditionalAccess/policies/{nil}",
      "GET /reports/authenticationMethods/userRegistrationDetails?$top=1",
      "GET /directory/administrativeUnits/{nil}",
      "GET /subscribedSkus",
    ],
  },
} as const satisfies Record<string, OperationPermissions>;

export type GraphGatewayOperation = keyof typeof GRAPH_OPERATION_PERMISSIONS;

/** Everything the app needs, sorted: what infra grants the managed identity. */
export const REQUIRED_GRAPH_PERMISSIONS: readonly GraphApplicationPermission[] = [
  ...new Set(Object.values(GRAPH_OPERATION_PERMISSIONS).flatMap((op) => op.permissions)),
].sort();

/** Broader than needed and dangerous here (User/Directory write turn a bad URL into a deleted user). */
export const FORBIDDEN_GRAPH_PERMISSIONS = [
  "User.ReadWrite.All",
  "Directory.ReadWrite.All",
  "Group.ReadWrite.All",
] as const;
