import { describeOverlap, type Overlap } from "../domain";
import type {
  BreakGlassAccountProbe,
  ManagedGroupProbe,
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
  overlap: "population-overlap",
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
        message: "no break-glass accounts configured: the policies must exclude at least one",
      },
    ];
  }
  const checks: PreflightCheck[] = accounts.map((account) => {
    const label = account.userPrincipalName ?? account.id;
    if (!account.found)
      return { name: `${name}:${account.id}`, status: "fail", message: `${label} does not exist` };
    if (account.accountEnabled !== true) {
      return {
        name: `${name}:${account.id}`,
        status: "fail",
        message: `${label} is disabled: it could not sign in in an emergency`,
      };
    }
    return { name: `${name}:${account.id}`, status: "ok", message: `${label} exists and is enabled` };
  });
  const recommended = options.recommendedBreakGlassCount ?? DEFAULT_RECOMMENDED_BREAK_GLASS;
  const distinct = new Set(accounts.map((a) => a.id)).size;
  checks.push(
    distinct < recommended
      ? {
          name,
          status: "warn",
          message: `${distinct} break-glass account(s); ${recommended} are recommended`,
        }
      : { name, status: "ok", message: `${distinct} break-glass accounts` },
  );
  return checks;
}

export function checkManagedGroups(groups: ManagedGroupProbe[], options: PreflightOptions): PreflightCheck[] {
  const unprotected = options.requireProtectedGroups ? "fail" : "warn";
  const howToProtect =
    "create it beforehand as a role-assignable group, or add it to a restricted-management administrative unit";
  return groups.map((group): PreflightCheck => {
    const name = `${CHECK_NAMES.groups}:${group.displayName}`;
    if (!group.found && group.createdBySetup) {
      return {
        name,
        status: unprotected,
        message: `${group.displayName} does not exist yet; setup will create it as an ordinary security group, which any Groups Administrator can change: ${howToProtect}, with exactly this name`,
      };
    }
    if (!group.found) {
      return {
        name,
        status: "fail",
        message: `group ${group.displayName} (${group.id ?? "no id"}) does not exist`,
      };
    }
    if (group.membersWritable === false) {
      const needs = group.isAssignableToRole
        ? "a role-assignable group also needs RoleManagement.ReadWrite.Directory"
        : group.inRestrictedManagementAdministrativeUnit
          ? "a group in a restricted-management administrative unit needs the Groups Administrator role assigned to the app at that unit's scope"
          : "is GroupMember.ReadWrite.All granted?";
      return {
        name,
        status: "fail",
        message: `the app may not change the members of ${group.displayName} (${group.membersWriteStatus ?? "refused"}): ${needs}`,
      };
    }
    if (group.isAssignableToRole) {
      return { name, status: "ok", message: `${group.displayName} is role-assignable` };
    }
    if (group.inRestrictedManagementAdministrativeUnit) {
      return {
        name,
        status: "ok",
        message: `${group.displayName} is in a restricted-management administrative unit`,
      };
    }
    const unreadable = group.unreadableAdministrativeUnits
      ? ` (${group.unreadableAdministrativeUnits} administrative unit(s) could not be read: is AdministrativeUnit.Read.All granted?)`
      : "";
    return {
      name,
      status: unprotected,
      message:
        `${group.displayName} is neither role-assignable nor in a restricted-management administrative unit${unreadable}: ` +
        `any Groups Administrator could change who is enforced or excluded; ${howToProtect}`,
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
  if (enabled) return { name, status: "ok", message: `Microsoft Entra ID P1 via ${enabled.skuPartNumber}` };
  const grace = withP1.find((sku) => sku.capabilityStatus === "Warning");
  if (grace) {
    return {
      name,
      status: "warn",
      message: `Microsoft Entra ID P1 via ${grace.skuPartNumber}, which is in its grace period (capabilityStatus Warning)`,
    };
  }
  return {
    name,
    status: "fail",
    message:
      "no active Microsoft Entra ID P1 or P2 licence: Conditional Access and registration details need one",
  };
}

/** Two rollouts moving and holding back the same users would fight over them. */
export function checkOverlap(overlap: Overlap, options: PreflightOptions): PreflightCheck {
  const name = CHECK_NAMES.overlap;
  if (overlap.users === 0) return { name, status: "ok", message: "no user is in another active rollout" };
  const message = describeOverlap(overlap);
  return options.allowOverlap
    ? { name, status: "warn", message: `${message}; allowed by preflight.allowOverlap` }
    : { name, status: "fail", message: `${message}; finish those first or set preflight.allowOverlap` };
}
