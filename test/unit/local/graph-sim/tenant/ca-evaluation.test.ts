import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types";
import type { SimClient } from "../../../../../local/graph-sim/tenant/apps-devices";
import {
  evaluateAttempt,
  QUIET_DRAW,
  type AttemptDraw,
  type LoggedRow,
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

function facts(over: Partial<SignInFacts> = {}, draw: Partial<AttemptDraw> = {}): SignInFacts {
  return {
    userId: USER,
    userType: "Member",
    app: APP,
    client: browser,
    hasMethod: true,
    registersNow: false,
    outage: false,
    appBroken: false,
    isMember: (g) => g === GROUP,
    draw: { ...QUIET_DRAW, ...draw },
    ...over,
  };
}

/** The attempt's rows as `code/caStatus`, oldest first. */
function shape(rows: { first: LoggedRow; answer?: LoggedRow }): string[] {
  return [rows.first, rows.answer]
    .filter((r): r is LoggedRow => r !== undefined)
    .map((r) => `${r.status.errorCode}/${r.conditionalAccessStatus}`);
}

/** The last row of the attempt: what a single-row attempt or an answered prompt logs. */
function last(policies: ConditionalAccessPolicy[], f: SignInFacts): LoggedRow {
  const r = evaluateAttempt(policies, f);
  return r.answer ?? r.first;
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

describe("evaluateAttempt: how Entra logs an attempt", () => {
  it("enforced MFA, registered user, no MFA in the session: prompt (notApplied), then errorCode 0", () => {
    const r = evaluateAttempt([enforced, reportOnly], facts());
    expect(shape(r)).toEqual(["50074/notApplied", "0/success"]);
    expect(r.first.appliedConditionalAccessPolicies.map((p) => p.result)).toEqual([
      "notApplied",
      "reportOnlyNotApplied",
    ]);
    expect(r.answer!.status.additionalDetails).toBe("MFA completed in Azure AD");
    expect(r.answer!.appliedConditionalAccessPolicies.map((p) => p.result)).toEqual([
      "success",
      "reportOnlySuccess",
    ]);
    expect(r.answer!.appliedConditionalAccessPolicies[0]!.enforcedGrantControls).toEqual(["Mfa"]);
  });

  it("the prompt is 50076 when the draw says so", () => {
    expect(shape(evaluateAttempt([enforced], facts({}, { promptCode: 50076 })))).toEqual([
      "50076/notApplied",
      "0/success",
    ]);
  });

  it("a session that already did MFA logs one row satisfied by the claim in the token", () => {
    const r = evaluateAttempt([enforced, reportOnly], facts({}, { mfaClaim: true }));
    expect(shape(r)).toEqual(["0/success"]);
    expect(r.first.status.additionalDetails).toBe("MFA requirement satisfied by claim in the token");
  });

  it.each([
    [
      "an app whose MFA flow breaks (even with a claim)",
      facts({ appBroken: true }, { mfaClaim: true }),
      ["50074/notApplied"],
    ],
    ["an abandoned prompt", facts({}, { abandons: true }), ["50074/notApplied"]],
    ["a declined push", facts({}, { denies: true }), ["50074/notApplied", "500121/failure"]],
    ["an MFA outage", facts({ outage: true }), ["50074/notApplied", "500121/failure"]],
    ["a legacy protocol (cannot answer)", facts({ client: imap }), ["50076/failure"]],
    ["ROPC (cannot answer)", facts({ client: ropc, hasMethod: false }), ["50076/failure"]],
    ["no method, registration not possible here", facts({ hasMethod: false }), ["50079/notApplied"]],
    [
      "no method, registers on the spot",
      facts({ hasMethod: false, registersNow: true }),
      ["50079/notApplied", "0/success"],
    ],
    ["no method, 50072 drawn", facts({ hasMethod: false }, { enrolCode: 50072 }), ["50072/notApplied"]],
  ])("enforced MFA with %s", (_name, f, rows) => {
    expect(shape(evaluateAttempt([enforced], f))).toEqual(rows);
  });

  it("a terminal row names the failed enforced policy; a declined push says so", () => {
    const r = evaluateAttempt([enforced], facts({}, { denies: true }));
    expect(r.answer!.appliedConditionalAccessPolicies[0]!.result).toBe("failure");
    expect(r.answer!.status.additionalDetails).toBe("MFA denied; user declined the authentication");
  });

  it("a wrong password is one 50126 row and Conditional Access never ran, enforced or not", () => {
    for (const policies of [[enforced], [reportOnly], []]) {
      const r = evaluateAttempt(policies, facts({}, { wrongPassword: true }));
      expect(shape(r)).toEqual(["50126/notApplied"]);
      expect(r.first.appliedConditionalAccessPolicies).toEqual([]);
    }
  });

  it.each([
    ["a session without MFA: would be prompted", facts(), "reportOnlyInterrupted"],
    ["a session with an MFA claim", facts({}, { mfaClaim: true }), "reportOnlySuccess"],
    // The docs' "Failure" is for controls that need no user action; MFA always needs some.
    ["no method", facts({ hasMethod: false }), "reportOnlyInterrupted"],
    ["a legacy client", facts({ client: imap }), "reportOnlyInterrupted"],
    ["a service credential", facts({ client: ropc }), "reportOnlyInterrupted"],
    ["an outage", facts({ outage: true }), "reportOnlyInterrupted"],
    ["a broken app", facts({ appBroken: true }), "reportOnlyInterrupted"],
    ["an abandoning user", facts({}, { abandons: true }), "reportOnlyInterrupted"],
  ])("report-only alone with %s: one row with the expected result, never a prompt", (_name, f, result) => {
    const r = evaluateAttempt([reportOnly], f);
    expect(shape(r)).toEqual(["0/notApplied"]);
    expect(r.first.appliedConditionalAccessPolicies[0]!.result).toBe(result);
    expect(r.askedToRegister).toBe(false);
  });

  it("report-only block: reportOnlyFailure (a control that needs no user action)", () => {
    const block = policy(
      "enabledForReportingButNotEnforced",
      { includeUsers: ["All"] },
      { grantControls: { operator: "OR", builtInControls: ["block"] } },
    );
    expect(last([block], facts()).appliedConditionalAccessPolicies[0]!.result).toBe("reportOnlyFailure");
  });

  it("a policy that does not apply: notApplied / reportOnlyNotApplied; disabled: notEnabled", () => {
    const outsider = facts({ isMember: () => false });
    const r = evaluateAttempt([enforced, reportOnly, policy("disabled")], outsider);
    expect(shape(r)).toEqual(["0/notApplied"]);
    expect(r.first.appliedConditionalAccessPolicies.map((p) => p.result)).toEqual([
      "notApplied",
      "reportOnlyNotApplied",
      "notEnabled",
    ]);
    expect(r.first.appliedConditionalAccessPolicies.every((p) => p.enforcedGrantControls?.length === 0)).toBe(
      true,
    );
  });

  it("exclusions win over inclusions (users and groups)", () => {
    const byGroup = policy("enabled", { includeUsers: ["All"], excludeGroups: [GROUP] });
    const byUser = policy("enabled", { includeUsers: ["All"], excludeUsers: [USER] });
    for (const p of [byGroup, byUser]) {
      expect(shape(evaluateAttempt([p], facts({ hasMethod: false })))).toEqual(["0/notApplied"]);
    }
  });

  it("matches applications and client app types", () => {
    const otherApp = policy("enabled", { includeUsers: ["All"] }, {});
    otherApp.conditions!.applications = { includeApplications: ["11111111-1111-4111-8111-111111111111"] };
    expect(shape(evaluateAttempt([otherApp], facts()))).toEqual(["0/notApplied"]);

    const legacyOnly = policy("enabled", { includeUsers: ["All"] });
    legacyOnly.conditions!.clientAppTypes = ["exchangeActiveSync", "other"];
    expect(shape(evaluateAttempt([legacyOnly], facts()))).toEqual(["0/notApplied"]);
    expect(shape(evaluateAttempt([legacyOnly], facts({ client: imap })))).toEqual(["50076/failure"]);
  });

  it("a block control fails with 53003 in one row even for a registered user", () => {
    const block = policy(
      "enabled",
      { includeUsers: ["All"] },
      { grantControls: { operator: "OR", builtInControls: ["block"] } },
    );
    const r = evaluateAttempt([block], facts());
    expect(shape(r)).toEqual(["53003/failure"]);
    expect(r.first.appliedConditionalAccessPolicies[0]!.enforcedGrantControls).toEqual(["Block"]);
  });

  it("asks an unregistered user to register only when enforced, on a client that can show it", () => {
    expect(evaluateAttempt([enforced], facts({ hasMethod: false })).askedToRegister).toBe(true);
    expect(evaluateAttempt([reportOnly], facts({ hasMethod: false })).askedToRegister).toBe(false);
    expect(evaluateAttempt([enforced], facts({ hasMethod: false, client: imap })).askedToRegister).toBe(
      false,
    );
    expect(evaluateAttempt([enforced], facts()).askedToRegister).toBe(false);
  });
});
