import {
  evaluatePreflight,
  type PermissionProbe,
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

function granted(permission: string): PermissionProbe {
  return { permission, call: "GET /x/{nil}", status: 404, granted: true };
}

function denied(permission: string): PermissionProbe {
  return {
    permission,
    call: "GET /x/{nil}",
    status: 403,
    code: "Authorization_RequestDenied",
    granted: false,
  };
}

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
    permissions: [granted("Policy.Read.All"), granted("AuditLog.Read.All")],
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
      ["break-glass-accounts:bg-1", "ok"],
      ["break-glass-accounts:bg-2", "ok"],
      ["break-glass-accounts", "ok"],
      ["managed-groups-protected:CA rollout R – enforced", "ok"],
      ["managed-groups-protected:CA rollout R – excluded", "ok"],
      ["entra-id-p1-licence", "ok"],
      ["graph-permission:Policy.Read.All", "ok"],
      ["graph-permission:AuditLog.Read.All", "ok"],
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
        message: expect.stringContaining("bg1@contoso.example"),
      });
      expect(result.checks[1]).toMatchObject({
        status: "fail",
        message: expect.stringContaining("disabled"),
      });
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
      expect(statusOf(relaxed, "break-glass-accounts")).toBe("ok");
    });
  });

  describe("managed groups", () => {
    const ENFORCED_CHECK = "managed-groups-protected:CA rollout R – enforced";
    const plainGroup = {
      id: "g-enf",
      displayName: "CA rollout R – enforced",
      found: true,
      isAssignableToRole: false,
    };

    it("warns about an unprotected group by default", () => {
      const result = evaluatePreflight(healthy({ managedGroups: [plainGroup] }));
      expect(result.ok).toBe(true);
      expect(statusOf(result, ENFORCED_CHECK)).toBe("warn");
    });

    it("fails an unprotected group when the plan requires protected groups", () => {
      const result = evaluatePreflight(
        healthy({ managedGroups: [plainGroup], options: { requireProtectedGroups: true } }),
      );
      expect(result.ok).toBe(false);
      expect(statusOf(result, ENFORCED_CHECK)).toBe("fail");
    });

    it("fails a stored group that no longer exists", () => {
      const result = evaluatePreflight(healthy({ managedGroups: [{ ...plainGroup, found: false }] }));
      expect(statusOf(result, ENFORCED_CHECK)).toBe("fail");
    });

    it.each<[string, boolean | undefined, "warn" | "fail"]>([
      ["warns", undefined, "warn"],
      ["refuses when the plan requires protected groups", true, "fail"],
    ])(
      "%s about a group setup would create as an ordinary group",
      (_label, requireProtectedGroups, status) => {
        const result = evaluatePreflight(
          healthy({
            managedGroups: [{ displayName: "CA rollout R – enforced", found: false, createdBySetup: true }],
            options: requireProtectedGroups === undefined ? {} : { requireProtectedGroups },
          }),
        );
        expect(statusOf(result, ENFORCED_CHECK)).toBe(status);
        expect(result.checks.find((c) => c.name === ENFORCED_CHECK)?.message).toMatch(/role-assignable/);
      },
    );

    it.each<
      [string, Partial<typeof plainGroup> & { inRestrictedManagementAdministrativeUnit?: boolean }, RegExp]
    >([
      ["role-assignable", { isAssignableToRole: true }, /RoleManagement\.ReadWrite\.Directory/],
      [
        "in a restricted-management unit",
        { inRestrictedManagementAdministrativeUnit: true },
        /Groups Administrator role assigned to the app at that unit's scope/,
      ],
      ["ordinary", {}, /GroupMember\.ReadWrite\.All/],
    ])("fails a %s group whose members the app may not change", (_label, facts, needs) => {
      const result = evaluatePreflight(
        healthy({
          managedGroups: [{ ...plainGroup, ...facts, membersWritable: false, membersWriteStatus: 403 }],
        }),
      );
      expect(result.ok).toBe(false);
      const check = result.checks.find((c) => c.name === ENFORCED_CHECK);
      expect(check?.status).toBe("fail");
      expect(check?.message).toMatch(/may not change the members of CA rollout R – enforced \(403\)/);
      expect(check?.message).toMatch(needs);
    });

    it("says when the administrative units could not be read", () => {
      const result = evaluatePreflight(
        healthy({ managedGroups: [{ ...plainGroup, unreadableAdministrativeUnits: 2 }] }),
      );
      expect(result.checks.find((c) => c.name === ENFORCED_CHECK)?.message).toMatch(
        /2 administrative unit\(s\) could not be read.*AdministrativeUnit\.Read\.All/,
      );
    });
  });

  describe("licences", () => {
    it.each<[string, "ok" | "warn" | "fail", SubscribedSkuProbe[]]>([
      [
        "P1 inside Business Premium",
        "ok",
        [
          {
            skuPartNumber: "SPB",
            capabilityStatus: "Enabled",
            servicePlans: [{ servicePlanName: "AAD_PREMIUM" }],
          },
        ],
      ],
      ["P2 only", "ok", [e5]],
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
          permissions: [granted("Policy.Read.All"), denied("AuditLog.Read.All")],
        }),
      );
      expect(result.ok).toBe(false);
      expect(statusOf(result, "graph-permission:Policy.Read.All")).toBe("ok");
      expect(statusOf(result, "graph-permission:AuditLog.Read.All")).toBe("fail");
      expect(result.checks.find((c) => c.name === "graph-permission:AuditLog.Read.All")?.message).toMatch(
        /^permission AuditLog\.Read\.All missing: GET \/x\/\{nil\} answered 403 Authorization_RequestDenied/,
      );
      expect(
        result.checks.find((c) => c.name === "graph-permission:GroupMember.ReadWrite.All")?.message,
      ).toMatch(/not probed/);
    });

    it("ignores granted permissions nobody requires", () => {
      const result = evaluatePreflight(
        healthy({
          permissions: [...(healthy().permissions as PermissionProbe[]), granted("Mail.Send")],
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
        permissions: { error: "$batch failed" },
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        name: "break-glass-accounts",
        status: "fail",
        message: "could not check: 403 Authorization_RequestDenied",
      },
      { name: "managed-groups-protected", status: "fail", message: "could not check: timeout" },
      { name: "entra-id-p1-licence", status: "fail", message: "could not check: 403" },
      { name: "graph-permissions", status: "fail", message: "could not check: $batch failed" },
    ]);
  });
});

describe("evaluatePreflight: users shared with other active rollouts", () => {
  const shared = { users: 12, rollouts: [{ rolloutId: "payroll-mfa", users: 12 }] };
  const overlapCheck = (result: ReturnType<typeof evaluatePreflight>) =>
    result.checks.find((c) => c.name === "population-overlap");

  it("fails with the count and the other rollout, unless the plan allows it (then a warning)", () => {
    const refused = evaluatePreflight(healthy({ overlap: shared }));
    expect(refused.ok).toBe(false);
    expect(overlapCheck(refused)).toMatchObject({
      status: "fail",
      message: expect.stringMatching(/^12 user\(s\) .* payroll-mfa \(12\); .*preflight\.allowOverlap/),
    });
    const allowed = evaluatePreflight(healthy({ overlap: shared, options: { allowOverlap: true } }));
    expect(allowed.ok).toBe(true);
    expect(overlapCheck(allowed)?.status).toBe("warn");
  });

  it("passes when nobody is shared, fails when the check could not run, and is absent when not asked", () => {
    expect(overlapCheck(evaluatePreflight(healthy({ overlap: { users: 0, rollouts: [] } })))?.status).toBe(
      "ok",
    );
    const failed = evaluatePreflight(healthy({ overlap: { error: "Graph timed out" } }));
    expect(overlapCheck(failed)).toMatchObject({
      status: "fail",
      message: "could not check: Graph timed out",
    });
    expect(overlapCheck(evaluatePreflight(healthy()))).toBeUndefined();
  });
});
