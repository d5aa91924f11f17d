import type { UserRegistrationDetails } from "@microsoft/microsoft-graph-types";
import type { ReadinessThresholds } from "../defaults";
import { normalizeId } from "../plan/guid";
import { parseClusterKey } from "../signins/cluster-key";
import type { SignInCounters } from "../signins/sign-in-counters";
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
  /** The wave's sign-ins over the observation window, counted against the report-only policy. */
  observed: SignInCounters;
  thresholds: ReadinessThresholds;
}

export interface ReadinessMetrics {
  users: number;
  registered: number;
  registeredShare: number;
  usersWithSignIns: number;
  predictedFailureUsers: number;
  predictedFailureShare: number;
  reportOnly: { success: number; failure: number; interrupted: number; notApplied: number };
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
 * Would enforcement fail these users? Reads registration coverage and what the report-only
 * policy saw. Verdict Pass/Fail is about the wave as a whole; `holdBack` names the users to
 * take out either way, so a few unregistered people never block everyone else.
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
    const wouldFail = (tally?.ro[1] ?? 0) > 0;
    if (isRegistered) registered += 1;
    if (tally && tally.n > 0) withSignIns += 1;
    if (wouldFail) predicted += 1;
    if (tally) {
      reportOnly.success += tally.ro[0];
      reportOnly.failure += tally.ro[1];
      reportOnly.interrupted += tally.ro[2];
      reportOnly.notApplied += tally.ro[3];
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
      `the report-only policy would have failed ${predicted} of ${users} users (${percent(metrics.predictedFailureShare)}); the gate allows ${percent(thresholds.maxPredictedFailureShare)}`,
    );
  }
  const passesAfterHoldBack =
    metrics.registeredShareAfterHoldBack >= thresholds.minRegisteredShare &&
    metrics.predictedFailureShareAfterHoldBack <= thresholds.maxPredictedFailureShare;

  const reasons = [...problems];
  if (users === 0) reasons.push("the wave has no users left to enforce");
  else if (withSignIns === 0) reasons.push("no sign-ins were observed: predicted failures are unknown");
  if (holdBack.length > 0)
    reasons.push(`${holdBack.length} of ${users} users would be locked out and should be held back`);
  if (problems.length === 0 && users > 0) {
    reasons.unshift(
      `${percent(metrics.registeredShare)} registered, report-only predicts failures for ${percent(metrics.predictedFailureShare)} of users`,
    );
  }

  return {
    verdict: problems.length === 0 ? "Pass" : "Fail",
    reasons,
    metrics,
    holdBack,
    passesAfterHoldBack,
  };
}

function holdBackReason(
  facts: RegistrationFacts | undefined,
  tally: SignInCounters["users"][string] | undefined,
): string | null {
  if (!facts) return "no MFA registration details found for this user";
  if (facts.isMfaRegistered !== true) return "no MFA method registered";
  if (facts.isMfaCapable !== true) {
    const methods = (facts.methodsRegistered ?? []).join(", ") || "none";
    return `registered methods (${methods}) are not allowed by the authentication methods policy`;
  }
  if (tally && tally.n > 0 && tally.l === tally.n) {
    const clients = [...new Set(Object.keys(tally.c).map((key) => parseClusterKey(key).clientApp))]
      .filter((client) => LEGACY.has(client.toLowerCase()))
      .sort();
    return `signs in only with legacy clients that cannot do MFA (${clients.join(", ")})`;
  }
  if (tally && tally.ro[1] > 0) {
    return `the report-only policy would have failed ${tally.ro[1]} of ${tally.n} sign-ins`;
  }
  return null;
}
