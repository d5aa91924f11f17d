import type { Overlap } from "../domain";
/**
 * Input of the preflight: what the engine learned from Microsoft Graph before a rollout starts.
 * Each section is either the probe's result or `{ error }` when the probe itself failed (403,
 * timeout...): a failed probe is a failed check, never a silent pass.
 */
export interface ProbeFailure {
  error: string;
}

/** GET /users/{id}?$select=id,userPrincipalName,accountEnabled (404 → found: false). */
export interface BreakGlassAccountProbe {
  id: string;
  userPrincipalName?: string;
  found: boolean;
  accountEnabled?: boolean;
}

/**
 * A group the rollout manages (enforced / excluded). Membership of an ordinary group can be
 * changed by any Groups Administrator, or any app holding GroupMember.ReadWrite.All: a
 * role-assignable group or a restricted-management administrative unit narrows that to
 * privileged roles, so nobody can quietly exclude themselves from MFA.
 */
export interface ManagedGroupProbe {
  /** Absent when the group does not exist yet. */
  id?: string;
  displayName: string;
  found: boolean;
  /** Not found, and setup will create it (as an ordinary security group): not an error by itself. */
  createdBySetup?: boolean;
  /** group.isAssignableToRole */
  isAssignableToRole?: boolean;
  /** Member of an administrative unit with isMemberManagementRestricted: true. */
  inRestrictedManagementAdministrativeUnit?: boolean;
  /** Member of administrative units whose restriction could not be read (permission missing). */
  unreadableAdministrativeUnits?: number;
  /**
   * The app may change the group's members (a harmless probe). A protected group the app cannot
   * write would stop the rollout at its first enforcement.
   */
  membersWritable?: boolean;
  /** The probe's HTTP status, for the message. */
  membersWriteStatus?: number;
}

/** The fields of GET /subscribedSkus the licence check reads. */
export interface SubscribedSkuProbe {
  skuPartNumber: string;
  /** Enabled | Warning (grace period) | Suspended | Deleted | LockedOut */
  capabilityStatus: string;
  servicePlans: Array<{ servicePlanName: string; provisioningStatus?: string }>;
}

/** One per required Graph application permission: what its probing call answered. */
export interface PermissionProbe {
  permission: string;
  /** e.g. "PATCH /identity/conditionalAccess/policies/{nil}" */
  call: string;
  status: number;
  /** Graph's error code, e.g. Authorization_RequestDenied. */
  code?: string;
  /** The status is the one that proves the permission (404 for a read of the nil id...). */
  granted: boolean;
}

export interface PreflightOptions {
  /** From the plan: managed groups must be role-assignable or in a restricted AU (else fail, not warn). */
  requireProtectedGroups?: boolean;
  /** From the plan: users shared with another active rollout are a warning, not a failure. */
  allowOverlap?: boolean;
  /** Microsoft recommends two break-glass accounts; fewer warns. Default 2. */
  recommendedBreakGlassCount?: number;
}

export interface PreflightInput {
  breakGlassAccounts: BreakGlassAccountProbe[] | ProbeFailure;
  managedGroups: ManagedGroupProbe[] | ProbeFailure;
  subscribedSkus: SubscribedSkuProbe[] | ProbeFailure;
  /** The permissions the gateway needs (shared/graph/permissions.ts). */
  requiredPermissions: readonly string[];
  permissions: PermissionProbe[] | ProbeFailure;
  /** Users shared with other active rollouts; absent when the caller did not look. */
  overlap?: Overlap | ProbeFailure;
  options?: PreflightOptions;
}

export type CheckStatus = "ok" | "warn" | "fail";

export interface PreflightCheck {
  name: string;
  status: CheckStatus;
  message: string;
}

export interface PreflightResult {
  checks: PreflightCheck[];
  /** No check failed (warnings do not block). */
  ok: boolean;
}

export function isProbeFailure(value: unknown): value is ProbeFailure {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "error" in value;
}
