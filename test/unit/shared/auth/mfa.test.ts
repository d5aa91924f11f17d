import { assertMfa, ForbiddenError, requiresMfa, type Principal } from "../../../../shared/auth";

const withAmr = (amr: string[]): Principal => ({
  id: "oid",
  name: "n",
  roles: [],
  amr,
  identityProvider: "aad",
});

describe("MFA", () => {
  it.each<[string[], boolean]>([
    [["pwd", "mfa"], true],
    [["mfa"], true],
    [["MFA"], true],
    [["pwd"], false],
    [["pwd", "rsa"], false],
    [[], false],
    [["mfa-ish", "notmfa"], false],
  ])("amr %j → satisfies MFA %s", (amr, expected) => {
    expect(requiresMfa(withAmr(amr))).toBe(expected);
  });

  it("assertMfa throws a 403 with code mfa_required for a password-only sign-in", () => {
    expect(() => assertMfa(withAmr(["mfa"]))).not.toThrow();
    try {
      assertMfa(withAmr(["pwd"]));
      throw new Error("expected a ForbiddenError");
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).code).toBe("mfa_required");
      expect((error as ForbiddenError).status).toBe(403);
    }
  });
});
