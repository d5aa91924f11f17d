import { checkPermissions, type PermissionProbe } from "../../../../shared/preflight";

const probe = (status: number, code?: string, granted = false): PermissionProbe => ({
  permission: "Policy.ReadWrite.ConditionalAccess",
  call: "PATCH /identity/conditionalAccess/policies/{nil}",
  status,
  granted,
  ...(code ? { code } : {}),
});

describe("checkPermissions (from probe answers)", () => {
  it.each<[string, PermissionProbe, "ok" | "fail", RegExp]>([
    ["a proving answer", probe(404, "Request_ResourceNotFound", true), "ok", /is granted \(PATCH .* → 404\)/],
    [
      "403 Authorization_RequestDenied",
      probe(403, "Authorization_RequestDenied"),
      "fail",
      /^permission Policy\.ReadWrite\.ConditionalAccess missing: PATCH .* answered 403 Authorization_RequestDenied; grant it/,
    ],
    ["a bare 403", probe(403), "fail", /^permission .* missing: .* answered 403; grant it/],
    [
      "a report refused for lack of P1",
      probe(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant"),
      "fail",
      /could not be checked: .* no Microsoft Entra ID P1\/P2 licence/,
    ],
    [
      "an answer that proves nothing (503)",
      probe(503, "ServiceUnavailable"),
      "fail",
      /could not be checked: .* answered 503 ServiceUnavailable/,
    ],
  ])("%s → %s", (_label, answer, status, message) => {
    const [check] = checkPermissions(["Policy.ReadWrite.ConditionalAccess"], [answer]);
    expect(check).toMatchObject({ name: "graph-permission:Policy.ReadWrite.ConditionalAccess", status });
    expect(check?.message).toMatch(message);
  });

  it("fails a required permission nobody probed, once even if required twice", () => {
    const checks = checkPermissions(["User.Read.All", "User.Read.All"], []);
    expect(checks).toEqual([
      { name: "graph-permission:User.Read.All", status: "fail", message: "User.Read.All was not probed" },
    ]);
  });
});
