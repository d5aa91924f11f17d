/**
 * Claim types as App Service Authentication passes them in x-ms-client-principal. It keeps the
 * token's short names for some claims and maps others to the long WS-* URIs, depending on the
 * token version, so each concept accepts both spellings.
 */
export const CLAIM_TYPES = {
  objectId: ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"],
  tenantId: ["http://schemas.microsoft.com/identity/claims/tenantid", "tid"],
  upn: ["preferred_username", "upn", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"],
  name: ["name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"],
  roles: ["roles", "role", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"],
  amr: ["amr", "http://schemas.microsoft.com/claims/authnmethodsreferences"],
  /** Conditional Access authentication context ids the token satisfies ("c1"), v1 and v2 tokens. */
  acrs: ["acrs"],
  /** "1.0" or "2.0": which access token format App Service Authentication validated. */
  version: ["ver"],
} as const;
