import type {
  AppliedConditionalAccessPolicy,
  ConditionalAccessPolicy,
  SignInStatus,
} from "@microsoft/microsoft-graph-types";
import { ADMIN_PORTAL_APPS, type SimApp, type SimClient } from "./apps-devices";

/**
 * Conditional Access for one sign-in attempt, against the policies and memberships as they were at
 * its instant, and how Entra logs it: one row, or a prompt row and the row that answers it, sharing
 * a correlationId. Pure: everything time-dependent or random comes in through `SignInFacts`.
 *
 * Sources (MicrosoftDocs/entra-docs): the error codes from
 * docs/identity-platform/reference-error-codes.md (50074/50076 "strong authentication required"
 * and 50072/50079 "enrollment required" are interrupts the client answers with a new request;
 * 500121 strong authentication failed; 50126 invalid username or password); one sign-in session's
 * rows share a correlation id (docs/identity/monitoring-health/concept-sign-in-log-activity-details.md);
 * interrupted rows carry conditionalAccessStatus "notApplied"
 * (docs/identity/monitoring-health/concept-interactive-sign-ins.md); report-only results from
 * docs/identity/conditional-access/concept-conditional-access-report-only.md ("Success" when an MFA
 * claim is already in the token, "User action required" when the user would be prompted,
 * "Failure" only for controls that need no user action, such as block or a compliant device).
 */

/** The random draws of one attempt (from the seed), so that this module stays pure. */
export interface AttemptDraw {
  /** The session already carries an MFA claim. */
  readonly mfaClaim: boolean;
  readonly wrongPassword: boolean;
  /** Prompted, the user gives up: nothing follows the prompt row. */
  readonly abandons: boolean;
  /** Prompted, the user declines the push: 500121. */
  readonly denies: boolean;
  readonly promptCode: 50074 | 50076;
  readonly enrolCode: 50072 | 50079;
}

export const QUIET_DRAW: AttemptDraw = {
  mfaClaim: false,
  wrongPassword: false,
  abandons: false,
  denies: false,
  promptCode: 50074,
  enrolCode: 50079,
};

export interface SignInFacts {
  readonly userId: string;
  readonly userType: "Member" | "Guest";
  readonly app: SimApp;
  readonly client: SimClient;
  readonly hasMethod: boolean;
  /** A user without a method registers at this attempt's enrolment interrupt. */
  readonly registersNow: boolean;
  readonly outage: boolean;
  readonly appBroken: boolean;
  /** Group membership at the sign-in's instant. */
  readonly isMember: (groupId: string) => boolean;
  readonly draw: AttemptDraw;
}

/** One row of the log as Conditional Access shapes it. */
export interface LoggedRow {
  status: SignInStatus;
  conditionalAccessStatus: "success" | "failure" | "notApplied";
  appliedConditionalAccessPolicies: AppliedConditionalAccessPolicy[];
}

export interface AttemptOutcome {
  /** The first row, at the attempt's instant. */
  readonly first: LoggedRow;
  /** The row answering a prompt (same correlationId, seconds later), if anything answered it. */
  readonly answer?: LoggedRow;
  /** An enforced policy asked a user without a method to register, on a client that can show it. */
  readonly askedToRegister: boolean;
}

type Status = Required<Pick<SignInStatus, "errorCode" | "failureReason" | "additionalDetails">>;

const CA_BLOCKED =
  "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.";
const MUST_USE_MFA =
  "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.";
const MUST_ENROL =
  "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access the resource.";
const MFA_FAILED = "Authentication failed during strong authentication request.";

const STATUS = {
  block: {
    errorCode: 53003,
    failureReason: CA_BLOCKED,
    additionalDetails: "A Conditional Access policy blocks this sign-in.",
  },
  device: {
    errorCode: 53000,
    failureReason:
      "Device is not in required device state: compliant. Conditional Access policy requires a compliant device.",
    additionalDetails: "The device does not satisfy the policy's device requirements.",
  },
  prompt50074: {
    errorCode: 50074,
    failureReason: "Strong Authentication is required.",
    additionalDetails:
      "The user is required to perform multi-factor authentication. There could be multiple things requiring multi-factor, e.g. Conditional Access policies, per-user enforcement, requested by client, among others.",
  },
  prompt50076: {
    errorCode: 50076,
    failureReason: MUST_USE_MFA,
    additionalDetails: "MFA required in Azure AD",
  },
  cannotPrompt: {
    errorCode: 50076,
    failureReason: MUST_USE_MFA,
    additionalDetails: "MFA required in Azure AD",
  },
  enrol50079: {
    errorCode: 50079,
    failureReason: MUST_ENROL,
    additionalDetails: "User needs to enroll for second factor authentication.",
  },
  enrol50072: {
    errorCode: 50072,
    failureReason: MUST_ENROL,
    additionalDetails: "User needs to enroll for second factor authentication.",
  },
  outage: {
    errorCode: 500121,
    failureReason: MFA_FAILED,
    additionalDetails: "The MFA service did not complete the request.",
  },
  denied: {
    errorCode: 500121,
    failureReason: MFA_FAILED,
    additionalDetails: "MFA denied; user declined the authentication",
  },
  wrongPassword: {
    errorCode: 50126,
    failureReason: "Error validating credentials due to invalid username or password.",
    additionalDetails: "The user didn't enter the right credentials.",
  },
} satisfies Record<string, Status>;

const MFA_DONE: SignInStatus = { errorCode: 0, additionalDetails: "MFA completed in Azure AD" };
const MFA_BY_CLAIM: SignInStatus = {
  errorCode: 0,
  additionalDetails: "MFA requirement satisfied by claim in the token",
};

const LOG_CONTROL: Record<string, string> = {
  mfa: "Mfa",
  block: "Block",
  compliantDevice: "RequireCompliantDevice",
  domainJoinedDevice: "RequireDomainJoinedDevice",
  approvedApplication: "RequireApprovedApp",
  compliantApplication: "RequireCompliantApp",
  passwordChange: "PasswordChange",
};

export function policyApplies(policy: ConditionalAccessPolicy, f: SignInFacts): boolean {
  const users = policy.conditions?.users;
  const apps = policy.conditions?.applications;
  if (!users || !apps) return false;
  const isGuest = f.userType === "Guest";
  const userMatch = (list: readonly string[] | null | undefined) =>
    (list ?? []).some(
      (v) => v === "All" || v.toLowerCase() === f.userId || (v === "GuestsOrExternalUsers" && isGuest),
    );
  const groupMatch = (list: readonly string[] | null | undefined) => (list ?? []).some((g) => f.isMember(g));
  // Directory roles are not modelled: includeRoles never matches, excludeRoles never excludes.
  const included = userMatch(users.includeUsers) || groupMatch(users.includeGroups);
  if (!included || userMatch(users.excludeUsers) || groupMatch(users.excludeGroups)) return false;

  const appMatch = (list: readonly string[] | null | undefined) =>
    (list ?? []).some(
      (v) =>
        v === "All" ||
        v.toLowerCase() === f.app.appId ||
        (v === "Office365" && f.app.kind === "firstParty") ||
        (v === "MicrosoftAdminPortals" && ADMIN_PORTAL_APPS.has(f.app.appId)),
    );
  if (!appMatch(apps.includeApplications) || appMatch(apps.excludeApplications)) return false;

  const types = policy.conditions?.clientAppTypes ?? ["all"];
  return (
    types.length === 0 ||
    types.some(
      (t) =>
        t === "all" ||
        t === f.client.clientAppType ||
        (t === "easSupported" && f.client.clientAppType === "exchangeActiveSync"),
    )
  );
}

/** What a policy that applies needs: nothing more, an MFA challenge, or it fails outright. */
type Need = { kind: "met" } | { kind: "mfa" } | { kind: "fail"; status: Status };
const MET: Need = { kind: "met" };
const MFA: Need = { kind: "mfa" };

function need(policy: ConditionalAccessPolicy, f: SignInFacts): Need {
  const controls = (policy.grantControls?.builtInControls ?? []) as string[];
  const wantsMfa = controls.includes("mfa") || !!policy.grantControls?.authenticationStrength;
  const others = controls.map((c) => controlMet(c, f)).filter((v) => v !== "mfa");
  const and = policy.grantControls?.operator === "AND";
  const othersOk = and ? others.every((v) => v === true) : others.some((v) => v === true);
  if (!and && othersOk) return MET;
  if (!wantsMfa && controls.length === 0) return MET;
  if (controls.includes("block")) return { kind: "fail", status: STATUS.block };
  if ((and && !othersOk) || !wantsMfa) return { kind: "fail", status: STATUS.device };
  return MFA;
}

function controlMet(control: string, f: SignInFacts): boolean | "mfa" {
  switch (control) {
    case "mfa":
      return "mfa";
    case "compliantDevice":
      return f.client.compliant;
    case "approvedApplication":
    case "compliantApplication":
      return (
        f.client.clientAppType === "mobileAppsAndDesktopClients" &&
        (f.client.platform === "iOS" || f.client.platform === "Android")
      );
    case "passwordChange":
      return true;
    default:
      return false;
  }
}

function logControls(policy: ConditionalAccessPolicy): string[] {
  const controls = (policy.grantControls?.builtInControls ?? []) as string[];
  const out = controls.map((c) => LOG_CONTROL[c] ?? c);
  if (policy.grantControls?.authenticationStrength) out.push("AuthenticationStrength");
  return out;
}

/** How the attempt went once the enforced policies are known. */
type Path =
  | "noMfa" // no enforced policy needs MFA: one row
  | "blocked" // an enforced policy fails without a challenge: one row
  | "cannotPrompt" // legacy protocol or ROPC: 50076 and nothing can follow
  | "claim" // MFA already in the token: one row
  | "promptedDone" // prompt, then errorCode 0
  | "promptedOpen" // prompt, then nothing (abandoned, broken app, no registration possible)
  | "promptedFailed"; // prompt, then 500121

export function evaluateAttempt(
  policies: readonly ConditionalAccessPolicy[],
  f: SignInFacts,
): AttemptOutcome {
  if (f.draw.wrongPassword && f.client.canPrompt) {
    // Primary authentication failed: Conditional Access never ran.
    return { first: row({ ...STATUS.wrongPassword }, "notApplied", []), askedToRegister: false };
  }
  const needs = policies.map((p) => (p.state !== "disabled" && policyApplies(p, f) ? need(p, f) : undefined));
  let blocked: Status | undefined;
  let enforcedApplied = false;
  let mfaNeeded = false;
  policies.forEach((p, i) => {
    const n = needs[i];
    if (!n || p.state !== "enabled") return;
    enforcedApplied = true;
    if (n.kind === "mfa") mfaNeeded = true;
    if (n.kind === "fail" && (!blocked || n.status === STATUS.block)) blocked = n.status;
  });

  let path: Path;
  let prompt: Status = f.draw.promptCode === 50076 ? STATUS.prompt50076 : STATUS.prompt50074;
  let failure: Status = STATUS.outage;
  if (blocked) path = "blocked";
  else if (!mfaNeeded) path = "noMfa";
  else if (f.client.legacy || !f.client.canPrompt) path = "cannotPrompt";
  else if (!f.hasMethod) {
    prompt = f.draw.enrolCode === 50072 ? STATUS.enrol50072 : STATUS.enrol50079;
    path = f.registersNow ? "promptedDone" : "promptedOpen";
  } else if (f.draw.mfaClaim && !f.appBroken) path = "claim";
  else if (f.outage) path = "promptedFailed";
  else if (f.appBroken || f.draw.abandons) path = "promptedOpen";
  else if (f.draw.denies) {
    path = "promptedFailed";
    failure = STATUS.denied;
  } else path = "promptedDone";

  const mfaDone = path === "claim" || path === "promptedDone";
  const claimOnly = f.draw.mfaClaim && f.hasMethod && !f.client.legacy && f.client.canPrompt;
  const final = (status: SignInStatus, caFailed: boolean): LoggedRow =>
    row(
      status,
      caFailed ? "failure" : enforcedApplied ? "success" : "notApplied",
      policies.map((p, i) => applied(p, needs[i], caFailed, mfaDone || claimOnly)),
    );
  const askedToRegister = mfaNeeded && !blocked && !f.hasMethod && !f.client.legacy && f.client.canPrompt;

  switch (path) {
    case "noMfa":
      return { first: final({ errorCode: 0 }, false), askedToRegister };
    case "blocked":
      return { first: final({ ...blocked! }, true), askedToRegister };
    case "cannotPrompt":
      return { first: final({ ...STATUS.cannotPrompt }, true), askedToRegister };
    case "claim":
      return { first: final(MFA_BY_CLAIM, false), askedToRegister };
    default: {
      // The interrupt row: Conditional Access has not been evaluated yet (it is at token issuance).
      const first = row(
        { ...prompt },
        "notApplied",
        policies.map((p) => applied(p, undefined, false, false)),
      );
      if (path === "promptedOpen") return { first, askedToRegister };
      const answer = path === "promptedDone" ? final(MFA_DONE, false) : final({ ...failure }, true);
      return { first, answer, askedToRegister };
    }
  }
}

function row(
  status: SignInStatus,
  conditionalAccessStatus: LoggedRow["conditionalAccessStatus"],
  appliedConditionalAccessPolicies: AppliedConditionalAccessPolicy[],
): LoggedRow {
  return { status, conditionalAccessStatus, appliedConditionalAccessPolicies };
}

function applied(
  p: ConditionalAccessPolicy,
  n: Need | undefined,
  caFailed: boolean,
  hasMfa: boolean,
): AppliedConditionalAccessPolicy {
  return {
    id: p.id,
    displayName: p.displayName,
    result: resultOf(p, n, caFailed, hasMfa),
    enforcedGrantControls: n ? logControls(p) : [],
    enforcedSessionControls: [],
  };
}

function resultOf(
  p: ConditionalAccessPolicy,
  n: Need | undefined,
  caFailed: boolean,
  hasMfa: boolean,
): NonNullable<AppliedConditionalAccessPolicy["result"]> {
  if (p.state === "disabled") return "notEnabled";
  const reportOnly = p.state === "enabledForReportingButNotEnforced";
  if (!n) return reportOnly ? "reportOnlyNotApplied" : "notApplied";
  if (reportOnly) {
    if (n.kind === "fail") return "reportOnlyFailure";
    if (n.kind === "met") return "reportOnlySuccess";
    // Report-only never prompts: it knows only whether MFA is already there ("User action required"
    // otherwise, whatever the client: a legacy protocol is not a "Failure" in the docs' sense).
    return hasMfa ? "reportOnlySuccess" : "reportOnlyInterrupted";
  }
  if (n.kind === "fail") return "failure";
  if (n.kind === "met") return "success";
  return caFailed ? "failure" : "success";
}
