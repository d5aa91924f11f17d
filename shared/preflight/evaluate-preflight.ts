import { checkBreakGlass, checkLicence, checkManagedGroups, checkOverlap, CHECK_NAMES } from "./checks";
import { checkPermissions } from "./permission-probes";
import { isProbeFailure, type PreflightCheck, type PreflightInput, type PreflightResult } from "./types";

/**
 * Pure evaluation of the preflight probes: one check per break-glass account, managed group and
 * required permission, plus the licence. ok is false when any check fails; warnings don't block.
 */
export function evaluatePreflight(input: PreflightInput): PreflightResult {
  const options = input.options ?? {};
  const checks: PreflightCheck[] = [];

  if (isProbeFailure(input.breakGlassAccounts)) {
    checks.push(probeFailed(CHECK_NAMES.breakGlass, input.breakGlassAccounts.error));
  } else {
    checks.push(...checkBreakGlass(input.breakGlassAccounts, options));
  }

  if (isProbeFailure(input.managedGroups)) {
    checks.push(probeFailed(CHECK_NAMES.groups, input.managedGroups.error));
  } else {
    checks.push(...checkManagedGroups(input.managedGroups, options));
  }

  if (isProbeFailure(input.subscribedSkus)) {
    checks.push(probeFailed(CHECK_NAMES.licence, input.subscribedSkus.error));
  } else {
    checks.push(checkLicence(input.subscribedSkus));
  }

  if (isProbeFailure(input.permissions)) {
    checks.push(probeFailed("graph-permissions", input.permissions.error));
  } else {
    checks.push(...checkPermissions(input.requiredPermissions, input.permissions));
  }

  if (input.overlap !== undefined) {
    checks.push(
      isProbeFailure(input.overlap)
        ? probeFailed(CHECK_NAMES.overlap, input.overlap.error)
        : checkOverlap(input.overlap, options),
    );
  }

  return { checks, ok: checks.every((check) => check.status !== "fail") };
}

function probeFailed(name: string, error: string): PreflightCheck {
  return { name, status: "fail", message: `could not check: ${error}` };
}
