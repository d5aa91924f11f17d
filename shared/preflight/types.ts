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
  id: string;
  displayName: string;
  found: boolean;
  /** group.isAssignableToRole */
  isAssignableToRole?: boolean;
  /** Member of an administrative unit with isMemberManagementRestricted: true. */
  inRestrictedManagementAdministrativeUnit?: boolean;
}

/** The fields of GET /subscribedSkus the licence check reads. */
export interface SubscribedSkuProbe {
  skuPartNumber: string;
  /** Enabled | Warning (grace period) | Suspended | Deleted | LockedOut */
  capabilityStatus: string;
  servicePlans: Array<{ servicePlanName: string; provisioningStatus?: string }>;
}

/** One per required Graph application permission (e.g. read from the token's roles claim). */
export interface PermissionProbe {
  permission: string;
  granted: boolean;
}

export interface PreflightOptions {
  /** From the plan: managed groups must be role-assignable or in a restricted AU (else fail, not warn). */
  requireProtectedGroups?: boolean;
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
  options?: PreflightOptions;
}

export type CheckStatus = "pass" | "warn" | "fail";

export interface PreflightCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface PreflightResult {
  checks: PreflightCheck[];
  /** No check failed (warnings do not block). */
  ok: boolean;
}

export function isProbeFailure(value: unknown): value is ProbeFailure {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "error" in value;
}
