import { CHECK_NAMES } from "./checks";
import type { PermissionProbe, PreflightCheck } from "./types";

/** Graph's code when the token lacks the permission a call needs. */
export const AUTHORIZATION_DENIED = "Authorization_RequestDenied";
/** Reports (sign-ins, registration details) in a tenant without Entra ID P1/P2. */
export const NON_PREMIUM_TENANT = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";

/**
 * One check per required permission from its probe's answer: granted → ok; 403 → "X missing";
 * anything else (throttled for good, 5xx, a licence refusal) → fail with what was seen, because
 * a probe that could not tell is never a silent pass.
 */
export function checkPermissions(
  required: readonly string[],
  probes: readonly PermissionProbe[],
): PreflightCheck[] {
  const byPermission = new Map(probes.map((p) => [p.permission, p]));
  return [...new Set(required)].map((permission) => {
    const name = CHECK_NAMES.permission(permission);
    const probe = byPermission.get(permission);
    if (!probe) return { name, status: "fail", message: `${permission} was not probed` };
    if (probe.granted)
      return { name, status: "ok", message: `${permission} is granted (${probe.call} → ${probe.status})` };
    if (probe.code === NON_PREMIUM_TENANT) {
      return {
        name,
        status: "fail",
        message: `${permission} could not be checked: ${probe.call} was refused because the tenant has no Microsoft Entra ID P1/P2 licence`,
      };
    }
    if (probe.status === 403 || probe.code === AUTHORIZATION_DENIED) {
      return {
        name,
        status: "fail",
        message:
          `permission ${permission} missing: ${probe.call} answered 403 ${probe.code ?? ""}`.trimEnd() +
          "; grant it with infra/scripts/grant-graph-permissions.sh",
      };
    }
    return {
      name,
      status: "fail",
      message: `${permission} could not be checked: ${probe.call} answered ${probe.status}${probe.code ? ` ${probe.code}` : ""}`,
    };
  });
}
