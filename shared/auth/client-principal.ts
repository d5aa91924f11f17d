import { z } from "zod";
import { CLAIM_TYPES } from "./claim-types";
import { UnauthenticatedError } from "./errors";

/** The header App Service Authentication sets on every authenticated request (and strips from callers). */
export const CLIENT_PRINCIPAL_HEADER = "x-ms-client-principal";

/** The caller, as far as authorization and the audit trail need to know them. */
export interface Principal {
  /** Entra object id (oid): the stable identity written to the audit table. */
  id: string;
  /** Display name, else the UPN, else the object id: for people reading the audit. */
  name: string;
  upn?: string;
  tenantId?: string;
  /** App role values, e.g. Rollout.Admin. */
  roles: string[];
  /** Authentication methods of the sign-in (amr), e.g. ["pwd", "mfa"]: v1.0 access tokens only. */
  amr: string[];
  /** Authentication context ids the token satisfies (acrs), e.g. ["c1"]. */
  acrs: string[];
  /** The access token's version claim (ver), "1.0" or "2.0", when the token carried one. */
  tokenVersion?: string;
  /** auth_typ, "aad" for Microsoft Entra ID. */
  identityProvider: string;
}

// Real principals are a few KB; the cap keeps a hostile header from costing much to reject.
const MAX_HEADER_LENGTH = 64 * 1024;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

const ClaimSchema = z.object({ typ: z.string(), val: z.string() });
const ClientPrincipalSchema = z.object({
  auth_typ: z.string().min(1),
  claims: z.array(ClaimSchema),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
});
type Claim = z.infer<typeof ClaimSchema>;

/**
 * Parses x-ms-client-principal (base64 JSON `{auth_typ, claims:[{typ,val}], name_typ, role_typ}`).
 * Throws UnauthenticatedError, and nothing else, when it is missing or unreadable or has no oid.
 */
export function parseClientPrincipal(header: string | null | undefined): Principal {
  if (header === null || header === undefined || header.trim() === "") {
    throw new UnauthenticatedError(`missing ${CLIENT_PRINCIPAL_HEADER} header`);
  }
  const encoded = header.trim();
  if (encoded.length > MAX_HEADER_LENGTH) {
    throw new UnauthenticatedError(`${CLIENT_PRINCIPAL_HEADER} header is too long`);
  }
  if (!BASE64.test(encoded)) {
    throw new UnauthenticatedError(`${CLIENT_PRINCIPAL_HEADER} header is not base64`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
  } catch {
    throw new UnauthenticatedError(`${CLIENT_PRINCIPAL_HEADER} header is not base64-encoded JSON`);
  }
  const parsed = ClientPrincipalSchema.safeParse(json);
  if (!parsed.success) {
    throw new UnauthenticatedError(`${CLIENT_PRINCIPAL_HEADER} header has an unexpected shape`);
  }
  const { auth_typ, claims, name_typ, role_typ } = parsed.data;

  const id = first(claims, CLAIM_TYPES.objectId);
  if (!id) throw new UnauthenticatedError(`${CLIENT_PRINCIPAL_HEADER} header has no object id (oid) claim`);
  const upn = first(claims, CLAIM_TYPES.upn);
  const name =
    (name_typ ? first(claims, [name_typ]) : undefined) ?? first(claims, CLAIM_TYPES.name) ?? upn ?? id;
  const tenantId = first(claims, CLAIM_TYPES.tenantId);
  const tokenVersion = first(claims, CLAIM_TYPES.version);
  const roleTypes = role_typ ? [role_typ, ...CLAIM_TYPES.roles] : CLAIM_TYPES.roles;

  return {
    id,
    name,
    ...(upn ? { upn } : {}),
    ...(tenantId ? { tenantId } : {}),
    roles: all(claims, roleTypes),
    amr: all(claims, CLAIM_TYPES.amr),
    acrs: all(claims, CLAIM_TYPES.acrs),
    ...(tokenVersion ? { tokenVersion } : {}),
    identityProvider: auth_typ,
  };
}

/**
 * Builds the header value App Service Authentication would send: for local runs (no Easy Auth
 * in front) and tests. Never trust such a header in Azure unless Easy Auth is on (infra/ turns
 * it on for every route, and it overwrites this header on inbound requests).
 */
export function encodeClientPrincipal(principal: {
  id: string;
  name?: string;
  upn?: string;
  roles?: readonly string[];
  amr?: readonly string[];
  acrs?: readonly string[];
  tenantId?: string;
  authType?: string;
}): string {
  const claims: Claim[] = [{ typ: CLAIM_TYPES.objectId[0], val: principal.id }];
  if (principal.name) claims.push({ typ: "name", val: principal.name });
  if (principal.upn) claims.push({ typ: "preferred_username", val: principal.upn });
  for (const role of principal.roles ?? []) claims.push({ typ: "roles", val: role });
  for (const method of principal.amr ?? []) claims.push({ typ: CLAIM_TYPES.amr[1], val: method });
  for (const context of principal.acrs ?? []) claims.push({ typ: "acrs", val: context });
  if (principal.tenantId) claims.push({ typ: CLAIM_TYPES.tenantId[0], val: principal.tenantId });
  const body = { auth_typ: principal.authType ?? "aad", claims, name_typ: "name", role_typ: "roles" };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64");
}

function first(claims: readonly Claim[], types: readonly string[]): string | undefined {
  const found = claims.find((c) => types.includes(c.typ) && c.val.trim() !== "");
  return found?.val.trim();
}

/** Multi-valued claims arrive one claim per value, or (some token versions) as a JSON array. */
function all(claims: readonly Claim[], types: readonly string[]): string[] {
  const values = new Set<string>();
  for (const claim of claims) {
    if (!types.includes(claim.typ)) continue;
    for (const value of splitValue(claim.val)) values.add(value);
  }
  return [...values];
}

function splitValue(val: string): string[] {
  const trimmed = val.trim();
  if (trimmed.startsWith("[")) {
    try {
      const array: unknown = JSON.parse(trimmed);
      if (Array.isArray(array)) {
        return array
          .filter((v): v is string => typeof v === "string" && v.trim() !== "")
          .map((v) => v.trim());
      }
    } catch {
      // not a JSON array after all: fall through and keep the raw value
    }
  }
  return trimmed === "" ? [] : [trimmed];
}
