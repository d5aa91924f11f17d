import type { Principal } from "./client-principal";
import { ForbiddenError } from "./errors";

/**
 * Where the MFA proof comes from, per Microsoft's "Access token claims reference"
 * (learn.microsoft.com/entra/identity-platform/access-token-claims-reference):
 * - `amr` is emitted in v1.0 access tokens only; v2.0 access tokens have none (also
 *   MicrosoftDocs/azure-docs issues 46953 and 85021). infra/ therefore asks for v1.0 tokens
 *   (`requestedAccessTokenVersion: 1`), and without an authentication context `amr` must hold "mfa".
 * - `acrs` lists the Conditional Access authentication context ids the token satisfies, in both
 *   token versions ("Developer guide to Conditional Access authentication context"). With
 *   MFA_AUTH_CONTEXT_ID set, the tenant's CA policy for that context decides what "MFA" means
 *   (an authentication strength, a sign-in frequency), and the token must carry the id in `acrs`.
 */
export interface MfaPolicy {
  /** An authentication context id ("c1") whose CA policy requires MFA; unset: `amr` decides. */
  authContextId?: string;
}

/** True when the caller's token proves an MFA sign-in under `policy`. */
export function hasMfaProof(principal: Principal, policy: MfaPolicy = {}): boolean {
  if (policy.authContextId) return principal.acrs.includes(policy.authContextId);
  return principal.amr.some((method) => method.toLowerCase() === "mfa");
}

/** Throws ForbiddenError with code mfa_required (403) unless the token proves MFA. */
export function assertMfa(principal: Principal, policy: MfaPolicy = {}): void {
  if (hasMfaProof(principal, policy)) return;
  if (policy.authContextId) {
    throw new ForbiddenError(
      `this operation needs a token satisfying authentication context ${policy.authContextId} (acrs); ` +
        "request one with the claims challenge in WWW-Authenticate",
      "mfa_required",
      claimsChallenge(policy.authContextId),
    );
  }
  const v2 = principal.tokenVersion === "2.0";
  throw new ForbiddenError(
    v2
      ? "this operation needs an MFA sign-in, and v2.0 access tokens carry no amr claim to prove one: " +
          "the API's app registration must issue v1.0 tokens, or MFA_AUTH_CONTEXT_ID must be set"
      : "this operation needs a token from a sign-in with MFA",
    "mfa_required",
  );
}

/**
 * The claims challenge of the developer guide: `claims` is the base64 of the claims request
 * `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`, which MSAL passes back to Entra.
 */
export function claimsChallenge(authContextId: string): string {
  const claims = JSON.stringify({ access_token: { acrs: { essential: true, value: authContextId } } });
  return `Bearer error="insufficient_claims", claims="${Buffer.from(claims, "utf8").toString("base64")}"`;
}
