import type { PermissionProbe, ProbeFailure } from "./types";

/**
 * The cheapest permission probe: an app-only Graph token lists the application permissions
 * granted to the identity in its `roles` claim. Decoding (not verifying) the payload is enough
 * because the engine got the token from its own credential a moment ago.
 */
export function rolesFromAccessToken(token: string): string[] | ProbeFailure {
  const payload = token.split(".")[1];
  if (!payload) return { error: "the Graph access token is not a JWT" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { error: "the Graph access token's payload is not JSON" };
  }
  if (typeof claims !== "object" || claims === null) return { error: "the Graph access token has no claims" };
  const roles = (claims as { roles?: unknown }).roles;
  if (roles === undefined) return []; // no roles claim: nothing is granted
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === "string")) {
    return { error: "the Graph access token's roles claim is not a list of strings" };
  }
  return roles;
}

/** One probe per required permission: granted when the token's roles include it. */
export function permissionProbesFromRoles(
  required: readonly string[],
  roles: readonly string[],
): PermissionProbe[] {
  const granted = new Set(roles);
  return [...new Set(required)].map((permission) => ({ permission, granted: granted.has(permission) }));
}
