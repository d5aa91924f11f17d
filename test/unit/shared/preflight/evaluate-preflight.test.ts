import {
  evaluatePreflight,
  type PreflightInput,
  type SubscribedSkuProbe,
} from "../../../../shared/preflight";

const e5: SubscribedSkuProbe = {
  skuPartNumber: "SPE_E5",
  capabilityStatus: "Enabled",
  servicePlans: [
    { servicePlanName: "EXCHANGE_S_ENTERPRISE", provisioningStatus: "Success" },
    { servicePlanName: "AAD_PREMIUM_P2", provisioningStatus: "Success" },
  ],
};

/** A tenant that passes everything; each test breaks one thing. */
function healthy(overrides: Partial<PreflightInput> = {}): PreflightInput {
  return {
    breakGlassAccounts: [
      { id: "bg-1", userPrincipalName: "bg1@contoso.example", found: true, accountEnabled: true },
      { id: "bg-2", userPrincipalName: "bg2@contoso.example", found: true, accountEnabled: true },
    ],
    managedGroups: [
      { id: "g-enf", displayName: "CA rollout R – enforced", found: true, isAssignableToRole: true },
      {
        id: "g-exc",
        displayName: "CA rollout R – excluded",
        found: true,
        isAssignableToRole: false,
        inRestrictedManagementAdministrativeUnit: true,
      },
    ],
    subscribedSkus: [e5],
    requiredPermissions: ["Policy.Read.All", "AuditLog.Read.All"],
    permissions: [
      { permission: "Policy.Read.All", granted: true },
      { permission: "AuditLog.Read.All", granted: true },
    ],
    ...overrides,
  };
}

const statusOf = (result: ReturnType<typeof evaluatePreflight>, name: string) =>
  result.checks.find((c) => c.name === name)?.status;

describe("evaluatePreflight", () => {
  it("passes a healthy tenant, one check per account, group and permission plus the licence", () => {
    const result = evaluatePreflight(healthy());
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ["break-glass-accounts:bg-1", "pass"],
      ["break-glass-accounts:bg-2", "pass"],
      ["break-glass-accounts", "pass"],
      ["managed-groups-protected:g-enf", "pass"],
      ["managed-groups-protected:g-exc", "pass"],
      ["entra-id-p1-licence", "pass"],
      ["graph-permission:Policy.Read.All", "pass"],
      ["graph-permission:AuditLog.Read.All", "pass"],
    ]);
  });

  describe("break-glass accounts", () => {
    it("fails when one is missing or disabled, naming it", () => {
      const result = evaluatePreflight(
        healthy({
          breakGlassAccounts: [
            { id: "bg-1", userPrincipalName: "bg1@contoso.example", found: false },
            { id: "bg-2", userPrincipalName: "bg2@contoso.example", found: true, accountEnabled: false },
          ],
        }),
      );
      expect(result.ok).toBe(false);
      expect(result.checks[0]).toMatchObject({
        status: "fail",
        detail: expect.stringContaining("bg1@contoso.example"),
      });
      expect(result.checks[1]).toMatchObject({ status: "fail", detail: expect.stringContaining("disabled") });
    });

    it("fails when none are configured", () => {
      const result = evaluatePreflight(healthy({ breakGlassAccounts: [] }));
      expect(result.ok).toBe(false);
      expect(statusOf(result, "break-glass-accounts")).toBe("fail");
    });

    it("warns (but does not block) with fewer than the recommended two", () => {
      const result = evaluatePreflight(
        healthy({ breakGlassAccounts: [{ id: "bg-1", found: true, accountEnabled: true }] }),
      );
      expect(result.ok).toBe(true);
      expect(statusOf(result, "break-glass-accounts")).toBe("warn");
      const relaxed = evaluatePreflight(
        healthy({
          breakGlassAccounts: [{ id: "bg-1", found: true, accountEnabled: true }],
          options: { recommendedBreakGlassCount: 1 },
        }),
      );
      expect(statusOf(relaxed, "break-glass-accounts")).toBe("pass");
    });
  });

  describe("managed groups", () => {
    const plainGroup = {
      id: "g-enf",
      displayName: "CA rollout R – enforced",
      found: true,
      isAssignableToRole: false,
    };

    it("warns about an unprotected group by default", () => {
      const result = evaluatePreflight(healthy({ managedGroups: [plainGroup] }));
      expect(result.ok).toBe(true);
      expect(statusOf(result, "managed-groups-protected:g-enf")).toBe("warn");
    });

    it("fails an unprotected group when the plan requires protected groups", () => {
      const result = evaluatePreflight(
        healthy({ managedGroups: [plainGroup], options: { requireProtectedGroups: true } }),
      );
      expect(result.ok).toBe(false);
      expect(statusOf(result, "managed-groups-protected:g-enf")).toBe("fail");
    });

    it("fails a group that does not exist", () => {
      const result = evaluatePreflight(healthy({ managedGroups: [{ ...plainGroup, found: false }] }));
      expect(statusOf(result, "managed-groups-protected:g-enf")).toBe("fail");
    });
  });

  describe("licences", () => {
    it.each<[string, "pass" | "warn" | "fail", SubscribedSkuProbe[]]>([
      [
        "P1 inside Business Premium",
        "pass",
        [
          {
            skuPartNumber: "SPB",
            capabilityStatus: "Enabled",
            servicePlans: [{ servicePlanName: "AAD_PREMIUM" }],
          },
        ],
      ],
      ["P2 only", "pass", [e5]],
      ["P1 in its grace period", "warn", [{ ...e5, capabilityStatus: "Warning" }]],
      ["a suspended P1", "fail", [{ ...e5, capabilityStatus: "Suspended" }]],
      [
        "a P1 plan that is disabled in the SKU",
        "fail",
        [{ ...e5, servicePlans: [{ servicePlanName: "AAD_PREMIUM_P2", provisioningStatus: "Disabled" }] }],
      ],
      [
        "no premium plan",
        "fail",
        [
          {
            skuPartNumber: "O365_BUSINESS",
            capabilityStatus: "Enabled",
            servicePlans: [{ servicePlanName: "EXCHANGE_S_STANDARD" }],
          },
        ],
      ],
      ["no subscriptions", "fail", []],
    ])("%s → %s", (_label, status, skus) => {
      const result = evaluatePreflight(healthy({ subscribedSkus: skus }));
      expect(statusOf(result, "entra-id-p1-licence")).toBe(status);
      expect(result.ok).toBe(status !== "fail");
    });
  });

  describe("Graph permissions", () => {
    it("fails each required permission that is missing or was not probed", () => {
      const result = evaluatePreflight(
        healthy({
          requiredPermissions: ["Policy.Read.All", "AuditLog.Read.All", "GroupMember.ReadWrite.All"],
          permissions: [
            { permission: "Policy.Read.All", granted: true },
            { permission: "AuditLog.Read.All", granted: false },
          ],
        }),
      );
      expect(result.ok).toBe(false);
      expect(statusOf(result, "graph-permission:Policy.Read.All")).toBe("pass");
      expect(statusOf(result, "graph-permission:AuditLog.Read.All")).toBe("fail");
      expect(
        result.checks.find((c) => c.name === "graph-permission:GroupMember.ReadWrite.All")?.detail,
      ).toMatch(/not probed/);
    });

    it("ignores granted permissions nobody requires", () => {
      const result = evaluatePreflight(
        healthy({
          permissions: [...(healthy().permissions as []), { permission: "Mail.Send", granted: true }],
        }),
      );
      expect(result.checks.some((c) => c.name.includes("Mail.Send"))).toBe(false);
    });
  });

  it("turns a failed probe into a failed check instead of a silent pass", () => {
    const result = evaluatePreflight(
      healthy({
        breakGlassAccounts: { error: "403 Authorization_RequestDenied" },
        managedGroups: { error: "timeout" },
        subscribedSkus: { error: "403" },
        permissions: { error: "token has no roles claim" },
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        name: "break-glass-accounts",
        status: "fail",
        detail: "could not check: 403 Authorization_RequestDenied",
      },
      { name: "managed-groups-protected", status: "fail", detail: "could not check: timeout" },
      { name: "entra-id-p1-licence", status: "fail", detail: "could not check: 403" },
      { name: "graph-permissions", status: "fail", detail: "could not check: token has no roles claim" },
    ]);
  });
});
