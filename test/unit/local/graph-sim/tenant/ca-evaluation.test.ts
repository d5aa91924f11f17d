import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import type { SimClient } from "../../../../../local/graph-sim/tenant/apps-devices";
import {
  evaluateConditionalAccess,
  type SignInFacts,
} from "../../../../../local/graph-sim/tenant/ca-evaluation";

const USER = "0a0a0a0a-0000-4000-8000-000000000001";
const GROUP = "0b0b0b0b-0000-4000-8000-000000000001";
const APP = {
  appId: "00000002-0000-0ff1-ce00-000000000000",
  displayName: "Office 365 Exchange Online",
  kind: "firstParty" as const,
};

const browser: SimClient = {
  clientAppUsed: "Browser",
  clientAppType: "browser",
  platform: "Windows",
  deviceDetail: {},
  ipAddress: "203.0.113.1",
  location: {},
  legacy: false,
  canPrompt: true,
  compliant: false,
};
const imap: SimClient = {
  ...browser,
  clientAppUsed: "IMAP4",
  clientAppType: "other",
  legacy: true,
  canPrompt: false,
};
const ropc: SimClient = {
  ...browser,
  clientAppUsed: "Mobile Apps and Desktop clients",
  clientAppType: "mobileAppsAndDesktopClients",
  canPrompt: false,
};

function facts(over: Partial<SignInFacts> = {}): SignInFacts {
  return {
    userId: USER,
    userType: "Member",
    app: APP,
    client: browser,
    hasMethod: true,
    outage: false,
    appBroken: false,
    isMember: (g) => g === GROUP,
    ...over,
  };
}

function policy(
  state: string,
  users: object = { includeGroups: [GROUP] },
  extra: object = {},
): ConditionalAccessPolicy {
  return {
    id: `p-${state}`,
    displayName: state,
    state,
    conditions: { users, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
    ...extra,
  } as ConditionalAccessPolicy;
}

const enforced = policy("enabled");
const reportOnly = policy("enabledForReportingButNotEnforced");

describe("evaluateConditionalAccess", () => {
  it("enforced MFA with a registered user on a capable client: success, MFA done", () => {
    const r = evaluateConditionalAccess([enforced, reportOnly], facts());
    expect(r.conditionalAccessStatus).toBe("success");
    expect(r.status.errorCode).toBe(0);
    expect(r.appliedConditionalAccessPolicies.map((p) => p.result)).toEqual(["success", "reportOnlySuccess"]);
    expect(r.appliedConditionalAccessPolicies[0]!.enforcedGrantControls).toEqual(["Mfa"]);
  });

  it.each([
    ["no registered method", facts({ hasMethod: false }), 50079],
    ["a legacy protocol", facts({ client: imap }), 53003],
    ["a non-interactive service credential", facts({ client: ropc, hasMethod: false }), 50076],
    ["an MFA provider outage", facts({ outage: true }), 500121],
    ["an app whose MFA flow breaks on this platform", facts({ appBroken: true }), 50074],
  ])("enforced MFA fails for %s", (_name, f, code) => {
    const r = evaluateConditionalAccess([enforced], f);
    expect(r.conditionalAccessStatus).toBe("failure");
    expect(r.status.errorCode).toBe(code);
    expect(r.status.failureReason).toBeTruthy();
    expect(r.appliedConditionalAccessPolicies[0]!.result).toBe("failure");
  });

  it.each([
    ["a capable, registered user: would be prompted", facts(), "reportOnlyInterrupted"],
    ["no method", facts({ hasMethod: false }), "reportOnlyFailure"],
    ["a legacy client", facts({ client: imap }), "reportOnlyFailure"],
    ["a service credential", facts({ client: ropc }), "reportOnlyFailure"],
    // Report-only never runs the challenge, so it cannot see an outage or a client that breaks mid-flow.
    ["an outage", facts({ outage: true }), "reportOnlyInterrupted"],
    ["a broken app", facts({ appBroken: true }), "reportOnlyInterrupted"],
  ])("report-only alone with %s → %s and never fails the sign-in", (_name, f, result) => {
    const r = evaluateConditionalAccess([reportOnly], f);
    expect(r.appliedConditionalAccessPolicies[0]!.result).toBe(result);
    expect(r.conditionalAccessStatus).toBe("notApplied");
    expect(r.status.errorCode).toBe(0);
  });

  it("a policy that does not apply: notApplied / reportOnlyNotApplied; disabled: notEnabled", () => {
    const outsider = facts({ isMember: () => false });
    const r = evaluateConditionalAccess([enforced, reportOnly, policy("disabled")], outsider);
    expect(r.appliedConditionalAccessPolicies.map((p) => p.result)).toEqual([
      "notApplied",
      "reportOnlyNotApplied",
      "notEnabled",
    ]);
    expect(r.appliedConditionalAccessPolicies.every((p) => p.enforcedGrantControls?.length === 0)).toBe(true);
    expect(r.conditionalAccessStatus).toBe("notApplied");
  });

  it("exclusions win over inclusions (users and groups)", () => {
    const byGroup = policy("enabled", { includeUsers: ["All"], excludeGroups: [GROUP] });
    const byUser = policy("enabled", { includeUsers: ["All"], excludeUsers: [USER] });
    for (const p of [byGroup, byUser]) {
      expect(evaluateConditionalAccess([p], facts({ hasMethod: false })).conditionalAccessStatus).toBe(
        "notApplied",
      );
    }
  });

  it("matches applications and client app types", () => {
    const otherApp = policy("enabled", { includeUsers: ["All"] }, {});
    otherApp.conditions!.applications = { includeApplications: ["11111111-1111-4111-8111-111111111111"] };
    expect(evaluateConditionalAccess([otherApp], facts()).conditionalAccessStatus).toBe("notApplied");

    const legacyOnly = policy("enabled", { includeUsers: ["All"] });
    legacyOnly.conditions!.clientAppTypes = ["exchangeActiveSync", "other"];
    expect(evaluateConditionalAccess([legacyOnly], facts()).conditionalAccessStatus).toBe("notApplied");
    expect(evaluateConditionalAccess([legacyOnly], facts({ client: imap })).status.errorCode).toBe(53003);
  });

  it("a block control fails with 53003 even for a registered user", () => {
    const block = policy(
      "enabled",
      { includeUsers: ["All"] },
      { grantControls: { operator: "OR", builtInControls: ["block"] } },
    );
    const r = evaluateConditionalAccess([block], facts());
    expect(r.status.errorCode).toBe(53003);
    expect(r.appliedConditionalAccessPolicies[0]!.enforcedGrantControls).toEqual(["Block"]);
  });

  it("reports asking an unregistered user only on a client that could show the prompt", () => {
    expect(evaluateConditionalAccess([reportOnly], facts({ hasMethod: false })).askedToRegister).toBe(true);
    expect(
      evaluateConditionalAccess([reportOnly], facts({ hasMethod: false, client: imap })).askedToRegister,
    ).toBe(false);
    expect(evaluateConditionalAccess([reportOnly], facts()).askedToRegister).toBe(false);
  });
});
