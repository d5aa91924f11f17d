import type {
  BreakGlassAccountProbe,
  ManagedGroupProbe,
  PermissionProbe,
  PreflightCheck,
  PreflightOptions,
  SubscribedSkuProbe,
} from "./types";

const DEFAULT_RECOMMENDED_BREAK_GLASS = 2;

// Service plans that carry Microsoft Entra ID P1 (Conditional Access, sign-in log retention,
// registration details); P2 includes P1. They ship inside many SKUs (E3, E5, EMS, Business
// Premium...), so the plan name, not the SKU name, is what to look for.
const P1_PLANS = new Set(["AAD_PREMIUM", "AAD_PREMIUM_P2"]);
const USABLE_PLAN_STATUSES = new Set(["Success", "PendingActivation", "PendingProvisioning"]);

export const CHECK_NAMES = {
  breakGlass: "break-glass-accounts",
  groups: "managed-groups-protected",
  licence: "entra-id-p1-licence",
  permission: (name: string) => `graph-permission:${name}`,
} as const;

export function checkBreakGlass(
  accounts: BreakGlassAccountProbe[],
  options: PreflightOptions,
): PreflightCheck[] {
  const name = CHECK_NAMES.breakGlass;
  if (accounts.length === 0) {
    return [
      {
        name,
        status: "fail",
        detail: "no break-glass accounts configured: the policies must exclude at least one",
      },
    ];
  }
  const checks: PreflightCheck[] = accounts.map((account) => {
    const label = account.userPrincipalName ?? account.id;
    if (!account.found)
      return { name: `${name}:${account.id}`, status: "fail", detail: `${label} does not exist` };
    if (account.accountEnabled !== true) {
      return {
        name: `${name}:${account.id}`,
        status: "fail",
        detail: `${label} is disabled: it could not sign in in an emergency`,
      };
    }
    return { name: `${name}:${account.id}`, status: "pass", detail: `${label} exists and is enabled` };
  });
  const recommended = options.recommendedBreakGlassCount ?? DEFAULT_RECOMMENDED_BREAK_GLASS;
  const distinct = new Set(accounts.map((a) => a.id)).size;
  checks.push(
    distinct < recommended
      ? { name, status: "warn", detail: `${distinct} break-glass account(s); ${recommended} are recommended` }
      : { name, status: "pass", detail: `${distinct} break-glass accounts` },
  );
  return checks;
}

export function checkManagedGroups(groups: ManagedGroupProbe[], options: PreflightOptions): PreflightCheck[] {
  const unprotectedStatus = options.requireProtectedGroups ? "fail" : "warn";
  return groups.map((group) => {
    const name = `${CHECK_NAMES.groups}:${group.id}`;
    if (!group.found)
      return { name, status: "fail", detail: `group ${group.displayName} (${group.id}) does not exist` };
    if (group.isAssignableToRole) {
      return { name, status: "pass", detail: `${group.displayName} is role-assignable` };
    }
    if (group.inRestrictedManagementAdministrativeUnit) {
      return {
        name,
        status: "pass",
        detail: `${group.displayName} is in a restricted-management administrative unit`,
      };
    }
    return {
      name,
      status: unprotectedStatus,
      detail:
        `${group.displayName} is neither role-assignable nor in a restricted-management administrative unit: ` +
        "any Groups Administrator could change who is enforced or excluded",
    };
  });
}

export function checkLicence(skus: SubscribedSkuProbe[]): PreflightCheck {
  const name = CHECK_NAMES.licence;
  const withP1 = skus.filter((sku) =>
    sku.servicePlans.some(
      (plan) =>
        P1_PLANS.has(plan.servicePlanName) &&
        (plan.provisioningStatus === undefined || USABLE_PLAN_STATUSES.has(plan.provisioningStatus)),
    ),
  );
  const enabled = withP1.find((sku) => sku.capabilityStatus === "Enabled");
  if (enabled) return { name, status: "pass", detail: `Microsoft Entra ID P1 via ${enabled.skuPartNumber}` };
  const grace = withP1.find((sku) => sku.capabilityStatus === "Warning");
  if (grace) {
    return {
      name,
      status: "warn",
      detail: `Microsoft Entra ID P1 via ${grace.skuPartNumber}, which is in its grace period (capabilityStatus Warning)`,
    };
  }
  return {
    name,
    status: "fail",
    detail:
      "no active Microsoft Entra ID P1 or P2 licence: Conditional Access and registration details need one",
  };
}

export function checkPermissions(required: readonly string[], probes: PermissionProbe[]): PreflightCheck[] {
  const granted = new Map(probes.map((p) => [p.permission, p.granted]));
  return [...new Set(required)].map((permission) => {
    const name = CHECK_NAMES.permission(permission);
    const state = granted.get(permission);
    if (state === true) return { name, status: "pass", detail: `${permission} is granted` };
    if (state === false) {
      return { name, status: "fail", detail: `${permission} is not granted to the app (see DEPLOY.md)` };
    }
    return { name, status: "fail", detail: `${permission} was not probed` };
  });
}
