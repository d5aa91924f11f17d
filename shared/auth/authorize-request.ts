import { assertMfa } from "./mfa";
import { CLIENT_PRINCIPAL_HEADER, parseClientPrincipal, type Principal } from "./client-principal";
import { authorize, type Access } from "./roles";

/** Anything with fetch-style header lookup (@azure/functions' HttpRequest.headers, Headers). */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface AccessRequirement {
  access: Access;
  /** Approvals and exclusions: the token must come from an MFA sign-in. */
  mfa?: boolean;
}

/**
 * One call for HTTP triggers: who is calling, and may they do this? Throws UnauthenticatedError
 * (401) or ForbiddenError (403); map either with authErrorResponse.
 */
export function authorizeRequest(headers: HeaderSource, requirement: AccessRequirement): Principal {
  const principal = parseClientPrincipal(headers.get(CLIENT_PRINCIPAL_HEADER));
  authorize(principal, requirement.access);
  if (requirement.mfa) assertMfa(principal);
  return principal;
}
