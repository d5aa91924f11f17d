import {
  assertMfa,
  authorizeRequest,
  claimsChallenge,
  ForbiddenError,
  hasMfaProof,
  parseClientPrincipal,
  type AuthSettings,
  type Principal,
} from "../../../../shared/auth";

const withAmr = (amr: string[]): Principal => ({
  id: "oid",
  name: "n",
  roles: [],
  amr,
  acrs: [],
  identityProvider: "aad",
});

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OID = "6a1f0c2e-0000-4000-8000-00000000ad01";

/**
 * x-ms-client-principal as App Service Authentication builds it from a validated access token
 * ("Work with user identities in Azure App Service authentication"): `auth_typ` "aad", one claim
 * per value, some types mapped to the WS-* URIs. The payloads follow the "Access token claims
 * reference": `amr` only in v1.0 tokens, `acrs` (authentication context ids) in both versions.
 */
function easyAuthHeader(claims: Array<[string, string]>): string {
  const body = {
    auth_typ: "aad",
    claims: claims.map(([typ, val]) => ({ typ, val })),
    name_typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
    role_typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
  };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64");
}

const COMMON: Array<[string, string]> = [
  ["aud", "api://72f988bf-86f1-41af-91ab-2d7cd011db47/ca-wave-rollout"],
  ["http://schemas.microsoft.com/identity/claims/tenantid", TENANT],
  ["http://schemas.microsoft.com/identity/claims/objectidentifier", OID],
  ["http://schemas.microsoft.com/identity/claims/scope", "user_impersonation"],
  ["http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "Rollout.Admin"],
  ["name", "Ada Admin"],
];

/** v1.0: issuer sts.windows.net, `upn`, and amr values mapped to authnmethodsreferences. */
const V1_MFA = easyAuthHeader([
  ["iss", `https://sts.windows.net/${TENANT}/`],
  ["ver", "1.0"],
  ...COMMON,
  ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "ada@contoso.example"],
  ["http://schemas.microsoft.com/claims/authnmethodsreferences", "pwd"],
  ["http://schemas.microsoft.com/claims/authnmethodsreferences", "mfa"],
]);
const V1_PASSWORD = easyAuthHeader([
  ["iss", `https://sts.windows.net/${TENANT}/`],
  ["ver", "1.0"],
  ...COMMON,
  ["http://schemas.microsoft.com/claims/authnmethodsreferences", "pwd"],
]);
/** v2.0: issuer login.microsoftonline.com/.../v2.0, preferred_username, and no amr at all. */
const V2_AFTER_MFA = easyAuthHeader([
  ["iss", `https://login.microsoftonline.com/${TENANT}/v2.0`],
  ["ver", "2.0"],
  ...COMMON,
  ["preferred_username", "ada@contoso.example"],
]);
const V2_WITH_CONTEXT = easyAuthHeader([
  ["iss", `https://login.microsoftonline.com/${TENANT}/v2.0`],
  ["ver", "2.0"],
  ...COMMON,
  ["acrs", "c1"],
]);
const V1_WITH_CONTEXT = easyAuthHeader([
  ["iss", `https://sts.windows.net/${TENANT}/`],
  ["ver", "1.0"],
  ...COMMON,
  ["http://schemas.microsoft.com/claims/authnmethodsreferences", "pwd"],
  ["acrs", "c1"],
]);

const AZURE: AuthSettings = { inAzure: true, easyAuthEnabled: true, tenantId: TENANT };
const AZURE_WITH_CONTEXT: AuthSettings = { ...AZURE, mfaAuthContextId: "c1" };
const headers = (principal: string) => ({
  get: (name: string) => (name === "x-ms-client-principal" ? principal : null),
});

function mfaOutcome(principal: string, settings: AuthSettings): string {
  try {
    authorizeRequest(headers(principal), { access: "mutate", mfa: true }, settings);
    return "allowed";
  } catch (error) {
    return error instanceof ForbiddenError ? error.code : String(error);
  }
}

describe("MFA proof from amr (no authentication context configured)", () => {
  it.each<[string[], boolean]>([
    [["pwd", "mfa"], true],
    [["mfa"], true],
    [["MFA"], true],
    [["pwd"], false],
    [["pwd", "rsa"], false],
    [[], false],
    [["mfa-ish", "notmfa"], false],
  ])("amr %j → MFA proven %s", (amr, expected) => {
    expect(hasMfaProof(withAmr(amr))).toBe(expected);
  });

  it("assertMfa throws a 403 with code mfa_required for a password-only sign-in", () => {
    expect(() => assertMfa(withAmr(["mfa"]))).not.toThrow();
    expect(() => assertMfa(withAmr(["pwd"]))).toThrow(
      expect.objectContaining({ code: "mfa_required", kind: "forbidden" }),
    );
  });

  it("accepts a v1.0 access token from an MFA sign-in and refuses a password-only one", () => {
    expect(mfaOutcome(V1_MFA, AZURE)).toBe("allowed");
    expect(mfaOutcome(V1_PASSWORD, AZURE)).toBe("mfa_required");
  });

  it("refuses a v2.0 access token, which has no amr, and says why", () => {
    expect(mfaOutcome(V2_AFTER_MFA, AZURE)).toBe("mfa_required");
    expect(() => authorizeRequest(headers(V2_AFTER_MFA), { access: "mutate", mfa: true }, AZURE)).toThrow(
      /v2\.0 access tokens carry no amr/,
    );
  });
});

describe("MFA proof from a Conditional Access authentication context (acrs)", () => {
  it("accepts a token of either version whose acrs holds the configured context", () => {
    expect(mfaOutcome(V2_WITH_CONTEXT, AZURE_WITH_CONTEXT)).toBe("allowed");
    expect(mfaOutcome(V1_WITH_CONTEXT, AZURE_WITH_CONTEXT)).toBe("allowed");
  });

  it("then demands the context even when amr says mfa: the context's CA policy decides", () => {
    expect(mfaOutcome(V1_MFA, AZURE_WITH_CONTEXT)).toBe("mfa_required");
    expect(mfaOutcome(V2_WITH_CONTEXT, { ...AZURE, mfaAuthContextId: "c2" })).toBe("mfa_required");
  });

  it("answers a missing context with the developer guide's claims challenge", () => {
    try {
      authorizeRequest(headers(V1_MFA), { access: "mutate", mfa: true }, AZURE_WITH_CONTEXT);
      throw new Error("expected mfa_required");
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      const challenge = (error as ForbiddenError).challenge ?? "";
      expect(challenge).toBe(claimsChallenge("c1"));
      const claims = /claims="([^"]+)"/.exec(challenge)?.[1] ?? "";
      expect(JSON.parse(Buffer.from(claims, "base64").toString("utf8"))).toEqual({
        access_token: { acrs: { essential: true, value: "c1" } },
      });
    }
  });

  it("reads acrs and ver from the principal", () => {
    const principal = parseClientPrincipal(V2_WITH_CONTEXT);
    expect(principal.acrs).toEqual(["c1"]);
    expect(principal.tokenVersion).toBe("2.0");
    expect(principal.amr).toEqual([]);
  });
});
