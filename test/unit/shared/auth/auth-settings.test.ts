import { readAuthSettings } from "../../../../shared/auth";

describe("auth settings from the environment", () => {
  it("reads nothing as local: not in Azure, no tenant, amr decides MFA", () => {
    expect(readAuthSettings({})).toEqual({ inAzure: false, easyAuthEnabled: false });
  });

  it("knows Azure by WEBSITE_SITE_NAME and Easy Auth by WEBSITE_AUTH_ENABLED=True (any case)", () => {
    expect(
      readAuthSettings({
        WEBSITE_SITE_NAME: "func-rollout-abc",
        WEBSITE_AUTH_ENABLED: "True",
        AUTH_TENANT_ID: " 11111111-2222-4333-8444-555555555555 ",
        MFA_AUTH_CONTEXT_ID: "c7",
      }),
    ).toEqual({
      inAzure: true,
      easyAuthEnabled: true,
      tenantId: "11111111-2222-4333-8444-555555555555",
      mfaAuthContextId: "c7",
    });
    expect(readAuthSettings({ WEBSITE_SITE_NAME: "x", WEBSITE_AUTH_ENABLED: "false" }).easyAuthEnabled).toBe(
      false,
    );
  });

  it("treats an empty MFA_AUTH_CONTEXT_ID (the template's default) as unset", () => {
    expect(readAuthSettings({ MFA_AUTH_CONTEXT_ID: "" }).mfaAuthContextId).toBeUndefined();
  });

  it.each(["c0", "c100", "C1", "1", "c1; drop"])("refuses %j as an authentication context id", (id) => {
    expect(() => readAuthSettings({ MFA_AUTH_CONTEXT_ID: id })).toThrow(/MFA_AUTH_CONTEXT_ID/);
  });
});
