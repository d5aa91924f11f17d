import {
  CLAIM_TYPES,
  encodeClientPrincipal,
  parseClientPrincipal,
  UnauthenticatedError,
} from "../../../../shared/auth";

const OID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const encode = (body: unknown): string => Buffer.from(JSON.stringify(body), "utf8").toString("base64");

/** The shape App Service Authentication sends for a v2 Entra token. */
function easyAuthBody(claims: Array<{ typ: string; val: string }>, extra: Record<string, unknown> = {}) {
  return {
    auth_typ: "aad",
    claims,
    name_typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
    role_typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    ...extra,
  };
}

describe("parseClientPrincipal", () => {
  it("reads id, name, upn, tenant, roles and amr from an Easy Auth header", () => {
    const header = encode(
      easyAuthBody([
        { typ: "http://schemas.microsoft.com/identity/claims/objectidentifier", val: OID },
        { typ: "http://schemas.microsoft.com/identity/claims/tenantid", val: "tenant-1" },
        { typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", val: "Ada Admin" },
        { typ: "preferred_username", val: "ada@contoso.example" },
        { typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val: "Rollout.Admin" },
        { typ: "roles", val: "Rollout.Reader" },
        { typ: "http://schemas.microsoft.com/claims/authnmethodsreferences", val: "pwd" },
        { typ: "http://schemas.microsoft.com/claims/authnmethodsreferences", val: "mfa" },
      ]),
    );
    expect(parseClientPrincipal(header)).toEqual({
      id: OID,
      name: "Ada Admin",
      upn: "ada@contoso.example",
      tenantId: "tenant-1",
      roles: ["Rollout.Admin", "Rollout.Reader"],
      amr: ["pwd", "mfa"],
      acrs: [],
      identityProvider: "aad",
    });
  });

  it("accepts the short claim names (oid, amr, roles) and amr sent as a JSON array", () => {
    const header = encode({
      auth_typ: "aad",
      claims: [
        { typ: "oid", val: OID },
        { typ: "amr", val: '["pwd","mfa"]' },
        { typ: "roles", val: "Rollout.Reader" },
        { typ: "roles", val: "Rollout.Reader" },
      ],
    });
    const principal = parseClientPrincipal(header);
    expect(principal.id).toBe(OID);
    expect(principal.amr).toEqual(["pwd", "mfa"]);
    expect(principal.roles).toEqual(["Rollout.Reader"]);
  });

  it("takes roles from the claim type named by role_typ", () => {
    const header = encode({
      auth_typ: "aad",
      role_typ: "custom/role",
      claims: [
        { typ: "oid", val: OID },
        { typ: "custom/role", val: "Rollout.Admin" },
      ],
    });
    expect(parseClientPrincipal(header).roles).toEqual(["Rollout.Admin"]);
  });

  it("falls back from name to upn to object id for the display name", () => {
    const withUpn = encode({
      auth_typ: "aad",
      claims: [
        { typ: "oid", val: OID },
        { typ: "upn", val: "u@x.example" },
      ],
    });
    expect(parseClientPrincipal(withUpn).name).toBe("u@x.example");
    const bare = encode({ auth_typ: "aad", claims: [{ typ: "oid", val: OID }] });
    const principal = parseClientPrincipal(bare);
    expect(principal.name).toBe(OID);
    expect(principal.roles).toEqual([]);
    expect(principal.amr).toEqual([]);
    expect(principal).not.toHaveProperty("upn");
  });

  it("round-trips what encodeClientPrincipal builds (for local runs and tests)", () => {
    const header = encodeClientPrincipal({
      id: OID,
      name: "Rita Reader",
      upn: "rita@contoso.example",
      roles: ["Rollout.Reader"],
      amr: ["mfa"],
    });
    expect(parseClientPrincipal(header)).toMatchObject({
      id: OID,
      name: "Rita Reader",
      upn: "rita@contoso.example",
      roles: ["Rollout.Reader"],
      amr: ["mfa"],
    });
    expect(CLAIM_TYPES.amr).toContain("http://schemas.microsoft.com/claims/authnmethodsreferences");
  });

  it.each([
    ["missing", undefined, /missing/],
    ["null", null, /missing/],
    ["blank", "   ", /missing/],
    ["not base64", "not base64!", /not base64/],
    ["base64 of non-JSON", Buffer.from("hello").toString("base64"), /not base64-encoded JSON/],
    ["JSON of the wrong shape", encode({ claims: "nope" }), /unexpected shape/],
    ["claims with non-string values", encode({ auth_typ: "aad", claims: [{ typ: "oid", val: 7 }] }), /shape/],
    ["no oid claim", encode({ auth_typ: "aad", claims: [{ typ: "name", val: "x" }] }), /object id/],
    ["empty oid claim", encode({ auth_typ: "aad", claims: [{ typ: "oid", val: " " }] }), /object id/],
    ["a huge header", "A".repeat(70 * 1024), /too long/],
  ])("rejects a %s header with UnauthenticatedError (401)", (_label, header, message) => {
    let caught: unknown;
    try {
      parseClientPrincipal(header);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnauthenticatedError);
    expect((caught as UnauthenticatedError).kind).toBe("unauthenticated");
    expect((caught as UnauthenticatedError).message).toMatch(message);
  });

  it("never echoes the header's contents in the error message", () => {
    const secretish = encode({ auth_typ: "aad", claims: [{ typ: "name", val: "eyJsecret-looking" }] });
    expect(() => parseClientPrincipal(secretish)).toThrow(UnauthenticatedError);
    try {
      parseClientPrincipal(secretish);
    } catch (error) {
      expect((error as Error).message).not.toContain("eyJsecret");
      expect((error as Error).message).not.toContain(secretish);
    }
  });
});
