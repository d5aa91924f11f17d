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
  | "AuditLog.Read.All"
  | "Group.Create"
  | "GroupMember.ReadWrite.All"
  | "Policy.Read.All"
  | "Policy.ReadWrite.ConditionalAccess"
  | "User.Read.All";

export const GRAPH_OPERATION_PERMISSIONS = {
  ensureGroup: {
    permissions: ["Group.Create", "GroupMember.ReadWrite.All"],
    conditional: {
      permissions: ["RoleManagement.ReadWrite.Directory"],
      when: "creating a role-assignable group (isAssignableToRole)",
    },
    calls: ["GET /groups/{id}", "GET /groups?$filter=displayName eq", "POST /groups"],
  },
  addMembers: {
    permissions: ["GroupMember.ReadWrite.All"],
    calls: ["POST /$batch", "PATCH /groups/{id} (members@odata.bind)", "POST /groups/{id}/members/$ref"],
  },
  removeMembers: {
    permissions: ["GroupMember.ReadWrite.All"],
    calls: ["POST /$batch", "DELETE /groups/{id}/members/{id}/$ref"],
  },
  listGroupMemberIds: {
    permissions: ["GroupMember.ReadWrite.All"],
    calls: ["GET /groups/{id}/members?$select=id&$top=999"],
  },
  getPolicy: {
    permissions: ["Policy.Read.All"],
    calls: ["GET /identity/conditionalAccess/policies/{id}"],
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
