import type {
  AppliedConditionalAccessPolicy,
  ConditionalAccessPolicy,
  SignInStatus,
} from "@microsoft/microsoft-graph-types";
import { ADMIN_PORTAL_APPS, type SimApp, type SimClient } from "./apps-devices";

/**
 * Conditional Access for one sign-in, against the policies and memberships as they were at its
 * instant. Pure: everything time-dependent comes in through `SignInFacts`.
 */

/** Why an MFA challenge could not be completed (or "ok"). See ../scenarios/README.md for the codes. */
export type MfaOutcome = "ok" | "legacyClient" | "cannotPrompt" | "noMethod" | "outage" | "appBroken";

export interface SignInFacts {
  readonly userId: string;
  readonly userType: "Member" | "Guest";
  readonly app: SimApp;
  readonly client: SimClient;
  readonly hasMethod: boolean;
  readonly outage: boolean;
  readonly appBroken: boolean;
  /** Group membership at the sign-in's instant. */
  readonly isMember: (groupId: string) => boolean;
}

export interface CaResult {
  status: SignInStatus;
  conditionalAccessStatus: "success" | "failure" | "notApplied";
  appliedConditionalAccessPolicies: AppliedConditionalAccessPolicy[];
  /** A policy wanted MFA from a user with no method on a client that could show the registration nudge. */
  askedToRegister: boolean;
}

interface Failure {
  errorCode: number;
  failureReason: string;
  additionalDetails: string;
}

const FAILURES: Record<Exclude<MfaOutcome, "ok">, Failure> & Record<"block" | "device", Failure> = {
  legacyClient: {
    errorCode: 53003,
    failureReason:
      "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
    additionalDetails:
      "The client uses a legacy authentication protocol that cannot perform multifactor authentication.",
  },
  cannotPrompt: {
    errorCode: 50076,
    failureReason:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
    additionalDetails: "The credential flow is non-interactive and cannot satisfy an MFA requirement.",
  },
  noMethod: {
    errorCode: 50079,
    failureReason:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access the resource.",
    additionalDetails: "User needs to register security info before MFA can be performed.",
  },
  outage: {
    errorCode: 500121,
    failureReason: "Authentication failed during strong authentication request.",
    additionalDetails: "The MFA service could not complete the challenge (service error).",
  },
  appBroken: {
    errorCode: 50074,
    failureReason: "Strong Authentication is required.",
    additionalDetails: "The MFA challenge was issued but the client application did not complete it.",
  },
  block: {
    errorCode: 53003,
    failureReason:
      "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
    additionalDetails: "A Conditional Access policy blocks this sign-in.",
  },
  device: {
    errorCode: 53000,
    failureReason:
      "Device is not in required device state: compliant. Conditional Access policy requires a compliant device.",
    additionalDetails: "The device does not satisfy the policy's device requirements.",
  },
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

export function mfaOutcome(f: SignInFacts): MfaOutcome {
  if (f.client.legacy) return "legacyClient";
  if (!f.client.canPrompt) return "cannotPrompt";
  if (!f.hasMethod) return "noMethod";
  if (f.outage) return "outage";
  if (f.appBroken) return "appBroken";
  return "ok";
}

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

type ControlVerdict =
  { satisfied: true; usedMfa: boolean } | { satisfied: false; failure: Failure; mfa: boolean };

/** Whether the grant controls are met; `mfa` is the outcome of the one challenge of this sign-in. */
function grant(policy: ConditionalAccessPolicy, f: SignInFacts, mfa: MfaOutcome): ControlVerdict {
  const controls = (policy.grantControls?.builtInControls ?? []) as string[];
  const wantsMfa = controls.includes("mfa") || !!policy.grantControls?.authenticationStrength;
  const verdicts = controls.map((c) => controlMet(c, f));
  const others = verdicts.filter((v) => v !== "mfa");
  const and = policy.grantControls?.operator === "AND";
  const othersOk = and ? others.every((v) => v === true) : others.some((v) => v === true);
  if (!and && othersOk) return { satisfied: true, usedMfa: false };
  if (!wantsMfa && controls.length === 0) return { satisfied: true, usedMfa: false };
  const blocked = controls.includes("block");
  if (blocked) return { satisfied: false, failure: FAILURES.block, mfa: false };
  if (and && !othersOk) return { satisfied: false, failure: FAILURES.device, mfa: false };
  if (!wantsMfa) return { satisfied: false, failure: FAILURES.device, mfa: false };
  return mfa === "ok"
    ? { satisfied: true, usedMfa: true }
    : { satisfied: false, failure: FAILURES[mfa], mfa: true };
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

export function evaluateConditionalAccess(
  policies: readonly ConditionalAccessPolicy[],
  f: SignInFacts,
): CaResult {
  const mfa = mfaOutcome(f);
  const applying = policies.map((p) => p.state !== "disabled" && policyApplies(p, f));
  const verdicts = policies.map((p, i) => (applying[i] ? grant(p, f, mfa) : undefined));

  let failure: Failure | undefined;
  let enforcedApplied = false;
  let mfaDone = false;
  let askedToRegister = false;
  policies.forEach((p, i) => {
    const v = verdicts[i];
    if (!v) return;
    if (!v.satisfied && v.mfa && mfa === "noMethod") askedToRegister = true;
    if (p.state !== "enabled") return;
    enforcedApplied = true;
    if (v.satisfied && v.usedMfa) mfaDone = true;
    if (!v.satisfied && (!failure || v.failure === FAILURES.block)) failure = v.failure;
  });

  const appliedConditionalAccessPolicies = policies.map((p, i): AppliedConditionalAccessPolicy => {
    const v = verdicts[i];
    return {
      id: p.id,
      displayName: p.displayName,
      result: resultOf(p, v, mfa, mfaDone),
      enforcedGrantControls: v ? logControls(p) : [],
      enforcedSessionControls: [],
    };
  });

  const status: SignInStatus = failure
    ? { ...failure }
    : mfaDone
      ? { errorCode: 0, additionalDetails: "MFA completed in Azure AD" }
      : { errorCode: 0 };
  return {
    status,
    conditionalAccessStatus: failure ? "failure" : enforcedApplied ? "success" : "notApplied",
    appliedConditionalAccessPolicies,
    askedToRegister,
  };
}

function resultOf(
  p: ConditionalAccessPolicy,
  v: ControlVerdict | undefined,
  mfa: MfaOutcome,
  mfaDone: boolean,
): NonNullable<AppliedConditionalAccessPolicy["result"]> {
  if (p.state === "disabled") return "notEnabled";
  const reportOnly = p.state === "enabledForReportingButNotEnforced";
  if (!v) return reportOnly ? "reportOnlyNotApplied" : "notApplied";
  if (!reportOnly) return v.satisfied ? "success" : "failure";
  if (v.satisfied && !v.usedMfa) return "reportOnlySuccess";
  if (v.satisfied || !v.mfa) {
    // Would need MFA: satisfied only if this sign-in actually did MFA for an enforced policy.
    if (v.satisfied) return mfaDone ? "reportOnlySuccess" : "reportOnlyInterrupted";
    return "reportOnlyFailure";
  }
  // Report-only cannot foresee a client that breaks mid-challenge or a provider outage: it only
  // knows the user would be prompted. It does know a legacy client or a user without a method cannot.
  if (mfa === "legacyClient" || mfa === "cannotPrompt" || mfa === "noMethod") return "reportOnlyFailure";
  return mfaDone ? "reportOnlySuccess" : "reportOnlyInterrupted";
}
