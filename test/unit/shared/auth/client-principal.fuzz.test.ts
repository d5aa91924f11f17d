import fc from "fast-check";
import { encodeClientPrincipal, parseClientPrincipal, UnauthenticatedError } from "../../../../shared/auth";

/** Whatever arrives in the header, the parser either returns a principal or throws UnauthenticatedError. */
function outcome(header: string): "ok" | "unauthenticated" {
  try {
    const principal = parseClientPrincipal(header);
    if (typeof principal.id !== "string" || principal.id === "") throw new Error("principal without id");
    return "ok";
  } catch (error) {
    if (error instanceof UnauthenticatedError) return "unauthenticated";
    throw error;
  }
}

const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
const claim = fc.record({
  typ: fc.oneof(fc.constantFrom("oid", "amr", "roles", "name", "upn", "preferred_username"), fc.string()),
  val: fc.oneof(fc.string(), fc.json()),
});

describe("parseClientPrincipal (fuzz)", () => {
  it("throws nothing but UnauthenticatedError for arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => void outcome(s)),
      {
        numRuns: 500,
      },
    );
  });

  it("throws nothing but UnauthenticatedError for base64 of arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.json(), (json) => void outcome(b64(json))),
      { numRuns: 500 },
    );
  });

  it("throws nothing but UnauthenticatedError for principal-shaped JSON with odd claims", () => {
    const body = fc.record(
      {
        auth_typ: fc.oneof(fc.string(), fc.integer()),
        claims: fc.oneof(fc.array(claim, { maxLength: 8 }), fc.anything()),
        name_typ: fc.oneof(fc.string(), fc.constant(undefined)),
        role_typ: fc.oneof(fc.string(), fc.integer()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(body, (b) => void outcome(b64(JSON.stringify(b)))),
      { numRuns: 500 },
    );
  });

  it("returns exactly the roles and amr it was given", () => {
    const value = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => s.trim() === s && !s.startsWith("["));
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.uniqueArray(value, { maxLength: 5 }),
        fc.uniqueArray(value, { maxLength: 5 }),
        (id, roles, amr) => {
          const principal = parseClientPrincipal(encodeClientPrincipal({ id, roles, amr }));
          expect(principal.id).toBe(id);
          expect(principal.roles).toEqual(roles);
          expect(principal.amr).toEqual(amr);
        },
      ),
      { numRuns: 200 },
    );
  });
});
