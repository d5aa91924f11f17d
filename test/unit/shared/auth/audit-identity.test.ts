import { auditIdentity, encodeClientPrincipal, parseClientPrincipal } from "../../../../shared/auth";

const OID = "3f2a9c4e-1b7d-4e0a-9c55-2d1e8f7a6b01";
const principalOf = (claims: Parameters<typeof encodeClientPrincipal>[0]) =>
  parseClientPrincipal(encodeClientPrincipal(claims));

describe("auditIdentity", () => {
  it("records the object id and display name beside the UPN of a person", () => {
    const principal = principalOf({ id: OID, name: "Jane Doe", upn: "jane.doe@contoso.com" });
    expect(auditIdentity(principal)).toEqual({
      actor: "jane.doe@contoso.com",
      actorId: OID,
      actorName: "Jane Doe",
    });
  });

  it("falls back to the object id for the filterable actor when the token has no UPN", () => {
    const principal = principalOf({ id: OID, name: "Build Agent" });
    expect(auditIdentity(principal)).toEqual({ actor: OID, actorId: OID, actorName: "Build Agent" });
  });

  it("never uses a UPN with spaces as the actor token (the audit column is one token)", () => {
    const principal = { ...principalOf({ id: OID, name: "Odd" }), upn: "odd name@contoso.com" };
    expect(auditIdentity(principal).actor).toBe(OID);
  });

  it("names the caller by object id when the token carries no name at all", () => {
    const principal = principalOf({ id: OID });
    expect(auditIdentity(principal)).toEqual({ actor: OID, actorId: OID, actorName: OID });
  });
});
