import type { UserRegistrationDetails } from "@microsoft/microsoft-graph-types";
import type { ReadinessThresholds } from "../defaults";
import { normalizeId } from "../plan/guid";
import { parseClusterKey } from "../signins/cluster-key";
import type { SignInCounters } from "../signins/sign-in-counters";
import type { UserTally } from "../signins/user-tally";
import { LEGACY_CLIENT_APPS } from "../defaults";
import { percent, type GateResult, type HoldBack } from "./gate-result";

export type RegistrationFacts = Pick<
  UserRegistrationDetails,
  "isMfaRegistered" | "isMfaCapable" | "methodsRegistered"
>;

export interface ReadinessInput {
  /** The wave's users still in play (earlier hold-backs and exclusions already removed). */
  userIds: readonly string[];
  /** Registration details by user id; a missing entry counts as "not registered". */
  registration: Readonly<Record<string, RegistrationFacts | undefined>>;
  /** The wave's sign-in attempts over the observation window, counted against the report-only policy. */
  observed: SignInCounters;
  thresholds: ReadinessThresholds;
}

export interface ReadinessMetrics {
  users: number;
  registered: number;
  registeredShare: number;
  usersWithSignIns: number;
  /** Users whose sign-ins come (in part) from clients that cannot answer an MFA prompt. */
  predictedFailureUsers: number;
  predictedFailureShare: number;
  /** Attempts by the report-only policy's result; `interrupted` = would have been prompted. */
  reportOnly: { success: number; failure: number; interrupted: number; notApplied: number };
  /** Attempts whose row names the report-only policy at all (no such row: no evidence). */
  namingPolicy: number;
  holdBackCandidates: number;
  /** The same shares over the users left once the candidates are held back. */
  registeredShareAfterHoldBack: number;
  predictedFailureShareAfterHoldBack: number;
}

export interface ReadinessResult extends GateResult<ReadinessMetrics> {
  /** Users enforcement would lock out, with the reason; the decision holds them back or pauses. */
  holdBack: HoldBack[];
  /** The thresholds hold once `holdBack` is taken out: shrinking is enough. */
  passesAfterHoldBack: boolean;
}

const LEGACY = new Set(LEGACY_CLIENT_APPS.map((name) => name.toLowerCase()));

/**
 * Would enforcement lock these users out? Report-only never prompts anyone, so it cannot tell
 * whether a prompt would succeed (`reportOnlyInterrupted` only says one would be shown, and
 * `reportOnlyFailure` is rare for a require-MFA policy). Lockout is read from what can be known in
 * advance: the registration state (no method, or none the policy allows) and the client
 * (legacy authentication cannot carry a prompt). Verdict Pass/Fail is about the wave as a whole;
 * `holdBack` names the users to take out either way, so a few unregistered people never block
 * everyone else. Without a single attempt naming the report-only policy there is no evidence
 * (Graph leaves appliedConditionalAccessPolicies out without a policy read permission, and a new
 * policy takes a while to show): Inconclusive, never a pass.
 */
export function evaluateReadiness(input: ReadinessInput): ReadinessResult {
  const { thresholds } = input;
  const userIds = [...new Set(input.userIds.map(normalizeId))].sort();
  const registration = new Map(
    Object.entries(input.registration).map(([id, facts]) => [normalizeId(id), facts]),
  );

  const holdBack: HoldBack[] = [];
  let registered = 0;
  let withSignIns = 0;
  let predicted = 0;
  let registeredKept = 0;
  let predictedKept = 0;
  const reportOnly = { success: 0, failure: 0, interrupted: 0, notApplied: 0 };

  for (const userId of userIds) {
    const facts = registration.get(userId);
    const tally = input.observed.users[userId];
    const isRegistered = facts?.isMfaRegistered === true;
    const wouldFail = lockedOutClients(tally).length > 0;
    if (isRegistered) registered += 1;
    if (tally && tally.attempts > 0) withSignIns += 1;
    if (wouldFail) predicted += 1;
    if (tally) {
      reportOnly.success += tally.reportOnly[0];
      reportOnly.failure += tally.reportOnly[1];
      reportOnly.interrupted += tally.reportOnly[2];
      reportOnly.notApplied += tally.reportOnly[3];
    }

    const reason = holdBackReason(facts, tally);
    if (reason) holdBack.push({ userId, reason });
    else {
      if (isRegistered) registeredKept += 1;
      if (wouldFail) predictedKept += 1;
    }
  }

  const users = userIds.length;
  const kept = users - holdBack.length;
  const share = (part: number, whole: number, empty: number) => (whole === 0 ? empty : part / whole);
  const metrics: ReadinessMetrics = {
    users,
    registered,
    registeredShare: share(registered, users, 1),
    usersWithSignIns: withSignIns,
    predictedFailureUsers: predicted,
    predictedFailureShare: share(predicted, users, 0),
    reportOnly,
    namingPolicy: reportOnly.success + reportOnly.failure + reportOnly.interrupted + reportOnly.notApplied,
    holdBackCandidates: holdBack.length,
    registeredShareAfterHoldBack: share(registeredKept, kept, 1),
    predictedFailureShareAfterHoldBack: share(predictedKept, kept, 0),
  };

  const problems: string[] = [];
  if (metrics.registeredShare < thresholds.minRegisteredShare) {
    problems.push(
      `${registered} of ${users} users (${percent(metrics.registeredShare)}) have registered MFA; the gate needs ${percent(thresholds.minRegisteredShare)}`,
    );
  }
  if (metrics.predictedFailureShare > thresholds.maxPredictedFailureShare) {
    problems.push(
      `${predicted} of ${users} users (${percent(metrics.predictedFailureShare)}) sign in with clients that cannot do MFA; the gate allows ${percent(thresholds.maxPredictedFailureShare)}`,
    );
  }
  const passesAfterHoldBack =
    metrics.registeredShareAfterHoldBack >= thresholds.minRegisteredShare &&
    metrics.predictedFailureShareAfterHoldBack <= thresholds.maxPredictedFailureShare;

  const reasons = [...problems];
  if (holdBack.length > 0)
    reasons.push(`${holdBack.length} of ${users} users would be locked out and should be held back`);
  if (problems.length === 0 && users > 0) {
    reasons.unshift(
      `${percent(metrics.registeredShare)} registered, ${percent(metrics.predictedFailureShare)} of users sign in with clients that cannot do MFA; the report-only policy would have prompted ${reportOnly.interrupted} of ${metrics.namingPolicy} sign-in attempts`,
    );
  }
  if (users === 0) {
    return {
      verdict: "Pass",
      reasons: ["the wave has no users left to enforce"],
      metrics,
      holdBack,
      passesAfterHoldBack,
    };
  }
  const noEvidence =
    withSignIns === 0
      ? "no sign-ins of the wave were observed: who would be prompted or locked out is unknown"
      : metrics.namingPolicy === 0
        ? "no sign-in names the report-only policy (Graph leaves the applied policies out without a Conditional Access read permission, and a new policy takes a while to show): who would be prompted is unknown"
        : null;
  if (noEvidence !== null) {
    return {
      verdict: "Inconclusive",
      reasons: [noEvidence, ...reasons],
      metrics,
      holdBack,
      passesAfterHoldBack,
    };
  }

  return {
    verdict: problems.length === 0 ? "Pass" : "Fail",
    reasons,
    metrics,
    holdBack,
    passesAfterHoldBack,
  };
}

function holdBackReason(facts: RegistrationFacts | undefined, tally: UserTally | undefined): string | null {
  if (!facts) return "no MFA registration details found for this user";
  if (facts.isMfaRegistered !== true)
    return "no MFA method registered: the first enforced prompt would ask them to register";
  if (facts.isMfaCapable !== true) {
    const methods = (facts.methodsRegistered ?? []).join(", ") || "none";
    return `registered methods (${methods}) are not allowed by the authentication methods policy`;
  }
  const clients = lockedOutClients(tally);
  if (clients.length > 0 && tally) {
    return clients
      .map(
        ({ client, attempts }) =>
          `${client} (legacy authentication) cannot do MFA: ${attempts} of ${tally.attempts} sign-ins`,
      )
      .join("; ");
  }
  return null;
}

/**
 * The user's legacy-authentication clients, with their attempts, most used first: a prompt cannot
 * reach them, so enforcement cuts each of them off (docs/SIGN-IN-EVIDENCE.md).
 */
function lockedOutClients(tally: UserTally | undefined): { client: string; attempts: number }[] {
  if (!tally || tally.legacyAttempts === 0) return [];
  const byClient = new Map<string, number>();
  for (const [key, [n]] of Object.entries(tally.byCluster)) {
    const { clientApp } = parseClusterKey(key);
    if (LEGACY.has(clientApp.toLowerCase())) byClient.set(clientApp, (byClient.get(clientApp) ?? 0) + n);
  }
  return [...byClient]
    .map(([client, attempts]) => ({ client, attempts }))
    .sort((a, b) => b.attempts - a.attempts || (a.client < b.client ? -1 : 1));
}
