import {
  authorizeRequest,
  encodeClientPrincipal,
  ForbiddenError,
  isAuthError,
  ROLES,
  UnauthenticatedError,
} from "../../../../shared/auth";
import { errorResponse } from "../../../../functions/http/with-http-errors";

const answer = (error: unknown) => {
  const response = errorResponse(error, () => undefined);
  return response as typeof response & { headers: Record<string, string>; jsonBody: { error: string } };
};

const headersWith = (principal?: Parameters<typeof encodeClientPrincipal>[0]) =>
  new Headers(principal ? { "x-ms-client-principal": encodeClientPrincipal(principal) } : {});

describe("authorizeRequest", () => {
  it("returns the principal when role and MFA requirements are met", () => {
    const headers = headersWith({ id: "oid-a", roles: [ROLES.admin], amr: ["pwd", "mfa"] });
    expect(authorizeRequest(headers, { access: "mutate", mfa: true }).id).toBe("oid-a");
  });

  it("maps a missing principal to 401 with a Bearer challenge", () => {
    let caught: unknown;
    try {
      authorizeRequest(headersWith(), { access: "read" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnauthenticatedError);
    expect(isAuthError(caught)).toBe(true);
    const response = answer(caught);
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toBe("Bearer");
    expect(response.jsonBody.error).toBe("unauthenticated");
  });

  it("refuses an admin without MFA on an MFA-only operation (403 mfa_required)", () => {
    const headers = headersWith({ id: "oid-a", roles: [ROLES.admin], amr: ["pwd"] });
    expect(() => authorizeRequest(headers, { access: "mutate" })).not.toThrow();
    try {
      authorizeRequest(headers, { access: "mutate", mfa: true });
      throw new Error("expected a ForbiddenError");
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      const response = answer(error);
      expect(response).toMatchObject({ status: 403, jsonBody: { error: "mfa_required" } });
      expect(response.headers).not.toHaveProperty("www-authenticate");
    }
  });

  it("checks the role before MFA: a reader with MFA still cannot mutate", () => {
    const headers = headersWith({ id: "oid-r", roles: [ROLES.reader], amr: ["mfa"] });
    expect(() => authorizeRequest(headers, { access: "mutate", mfa: true })).toThrow(/Rollout\.Admin/);
  });

  it("does not treat arbitrary errors as auth errors", () => {
    expect(isAuthError(new Error("boom"))).toBe(false);
  });
});
