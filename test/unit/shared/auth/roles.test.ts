import {
  authorize,
  canMutate,
  canRead,
  ForbiddenError,
  ROLES,
  type Access,
  type Principal,
} from "../../../../shared/auth";

const principal = (roles: string[]): Principal => ({
  id: "oid-1",
  name: "someone",
  roles,
  amr: [],
  acrs: [],
  identityProvider: "aad",
});

describe("role checks", () => {
  it("uses the app role values the app registration defines", () => {
    expect(ROLES).toEqual({ admin: "Rollout.Admin", reader: "Rollout.Reader" });
  });

  it.each<[string, string[], Access, boolean]>([
    ["an admin", [ROLES.admin], "mutate", true],
    ["an admin", [ROLES.admin], "read", true],
    ["a reader", [ROLES.reader], "read", true],
    ["a reader", [ROLES.reader], "mutate", false],
    ["a caller with no role", [], "read", false],
    ["a caller with no role", [], "mutate", false],
    ["a caller with a look-alike role", ["rollout.admin", "Rollout.Admins"], "mutate", false],
    ["a caller with a look-alike role", ["rollout.reader"], "read", false],
  ])("%s (%j) %s → allowed=%s", (_who, roles, access, allowed) => {
    const p = principal(roles);
    expect(access === "mutate" ? canMutate(p) : canRead(p)).toBe(allowed);
    if (allowed) {
      expect(() => authorize(p, access)).not.toThrow();
    } else {
      expect(() => authorize(p, access)).toThrow(ForbiddenError);
    }
  });

  it("tells a forbidden caller which role is missing, with status 403", () => {
    try {
      authorize(principal([ROLES.reader]), "mutate");
      throw new Error("expected a ForbiddenError");
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).kind).toBe("forbidden");
      expect((error as ForbiddenError).code).toBe("forbidden");
      expect((error as Error).message).toContain("Rollout.Admin");
    }
  });
});
