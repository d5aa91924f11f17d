import { readAuthSettings, type AuthSettings } from "./auth-settings";
import { assertMfa } from "./mfa";
import { CLIENT_PRINCIPAL_HEADER, parseClientPrincipal, type Principal } from "./client-principal";
import { assertEasyAuthInFront, assertEntraTenant } from "./platform-guard";
import { authorize, type Access } from "./roles";

/** Anything with fetch-style header lookup (@azure/functions' HttpRequest.headers, Headers). */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface AccessRequirement {
  access: Access;
  /** Anything that moves users into or out of enforcement: the token must prove an MFA sign-in. */
  mfa?: boolean;
}

/**
 * One call for HTTP triggers: who is calling, and may they do this? Throws UnauthenticatedError
 * (401) or ForbiddenError (403); map either with authErrorResponse.
 */
export function authorizeRequest(
  headers: HeaderSource,
  requirement: AccessRequirement,
  settings: AuthSettings = readAuthSettings(),
): Principal {
  assertEasyAuthInFront(settings);
  const principal = parseClientPrincipal(headers.get(CLIENT_PRINCIPAL_HEADER));
  assertEntraTenant(principal, settings);
  authorize(principal, requirement.access);
  if (requirement.mfa) requireMfa(principal, settings);
  return principal;
}

/** The MFA check on its own, for a handler that learns from the body whether it needs MFA. */
export function requireMfa(principal: Principal, settings: AuthSettings = readAuthSettings()): void {
  assertMfa(principal, settings.mfaAuthContextId ? { authContextId: settings.mfaAuthContextId } : {});
}
