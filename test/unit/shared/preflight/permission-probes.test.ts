import fc from "fast-check";
import {
  evaluatePreflight,
  isProbeFailure,
  permissionProbesFromRoles,
  rolesFromAccessToken,
} from "../../../../shared/preflight";

const jwt = (payload: unknown): string =>
  [
    Buffer.from('{"alg":"RS256","typ":"JWT"}').toString("base64url"),
    Buffer.from(JSON.stringify(payload)).toString("base64url"),
    "c2lnbmF0dXJl",
  ].join(".");

describe("rolesFromAccessToken", () => {
  it("reads the application permissions from an app-only token's roles claim", () => {
    expect(rolesFromAccessToken(jwt({ roles: ["Policy.Read.All", "AuditLog.Read.All"], oid: "x" }))).toEqual([
      "Policy.Read.All",
      "AuditLog.Read.All",
    ]);
  });

  it("treats a token without a roles claim as no permissions granted", () => {
    expect(rolesFromAccessToken(jwt({ oid: "x" }))).toEqual([]);
  });

  it.each([
    ["not a JWT", "opaque-token"],
    ["a payload that is not JSON", `a.${Buffer.from("nope").toString("base64url")}.c`],
    ["a null payload", jwt(null)],
    ["roles that are not strings", jwt({ roles: [1, 2] })],
    ["roles that are not a list", jwt({ roles: "Policy.Read.All" })],
  ])("reports %s as a failed probe", (_label, token) => {
    expect(isProbeFailure(rolesFromAccessToken(token))).toBe(true);
  });

  it("never throws, whatever the token (fuzz)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((j) => jwt(JSON.parse(j))),
        ),
        (token) => {
          const result = rolesFromAccessToken(token);
          expect(Array.isArray(result) || isProbeFailure(result)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("permissionProbesFromRoles", () => {
  it("feeds evaluatePreflight one probe per required permission", () => {
    const probes = permissionProbesFromRoles(
      ["Policy.Read.All", "GroupMember.ReadWrite.All", "Policy.Read.All"],
      ["Policy.Read.All", "Mail.Send"],
    );
    expect(probes).toEqual([
      { permission: "Policy.Read.All", granted: true },
      { permission: "GroupMember.ReadWrite.All", granted: false },
    ]);
    const result = evaluatePreflight({
      breakGlassAccounts: [
        { id: "a", found: true, accountEnabled: true },
        { id: "b", found: true, accountEnabled: true },
      ],
      managedGroups: [],
      subscribedSkus: [
        {
          skuPartNumber: "AAD_PREMIUM",
          capabilityStatus: "Enabled",
          servicePlans: [{ servicePlanName: "AAD_PREMIUM" }],
        },
      ],
      requiredPermissions: ["Policy.Read.All", "GroupMember.ReadWrite.All"],
      permissions: probes,
    });
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => c.status === "fail").map((c) => c.name)).toEqual([
      "graph-permission:GroupMember.ReadWrite.All",
    ]);
  });
});
