import type { Principal } from "./client-principal";
import { ForbiddenError } from "./errors";

/**
 * True when the caller's sign-in satisfies an MFA requirement: its amr (authentication methods
 * references) claim contains "mfa". Approvals and exclusions weaken or widen enforcement, so
 * they demand it (see assertMfa).
 */
export function requiresMfa(principal: Principal): boolean {
  return principal.amr.some((method) => method.toLowerCase() === "mfa");
}

/** Throws ForbiddenError with code mfa_required (403) unless the sign-in used MFA. */
export function assertMfa(principal: Principal): void {
  if (!requiresMfa(principal)) {
    throw new ForbiddenError("this operation needs a token from a sign-in with MFA", "mfa_required");
  }
}
