import type { AttributionResult } from "./attribute-failures";
import type { SystemicCause, SystemicResult } from "./detect-systemic";
import { percent, type HoldBack } from "./gate-result";
import type { HealthResult } from "./health-gate";
import type { ReadinessResult } from "./readiness-gate";

/**
 * `abort` is an admin's, never the engine's; so is `stepBack` (POST .../pause with stepBack), which
 * the engine records but never decides. There is no global rollback at all.
 */
export const DECISIONS = ["proceed", "extend", "shrink", "pause", "stepBack"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionState {
  gate: "readiness" | "health";
  /** Health only: the bake has run its course (Pass now means move on). */
  bakeComplete: boolean;
  /** Extensions already granted to this wave. */
  extensions: number;
  /** Users planned for the wave, the denominator of the held-back share. */
  waveSize: number;
  /** Users of this wave already held back. */
  heldBack: number;
}

export interface DecisionInputs {
  readiness?: ReadinessResult;
  health?: HealthResult;
  attribution?: AttributionResult;
  systemic?: SystemicResult;
}

export interface DecisionLimits {
  maxExtensions: number;
  maxHeldBackShare: number;
}

export interface DecisionOutcome {
  decision: Decision;
  reason: string;
  holdBack: HoldBack[];
}

/**
 * The one place that turns gate results into an action. Before the bake is complete,
 * `proceed` means "nothing to act on, keep baking"; `extend` is only returned once it is.
 */
export function decide(state: DecisionState, gates: DecisionInputs, limits: DecisionLimits): DecisionOutcome {
  if (gates.systemic?.systemic) return outcome("pause", systemicReason(gates.systemic, gates.attribution));
  return state.gate === "readiness"
    ? decideReadiness(state, gates, limits)
    : decideHealth(state, gates, limits);
}

function decideReadiness(
  state: DecisionState,
  gates: DecisionInputs,
  limits: DecisionLimits,
): DecisionOutcome {
  const gate = gates.readiness;
  if (!gate) throw new Error("decide: the readiness gate result is missing");
  if (gate.verdict === "Pending" || gate.verdict === "Inconclusive")
    return waitOrPause(state, limits, gate.reasons);
  if (gate.holdBack.length === 0) {
    return gate.verdict === "Pass"
      ? outcome("proceed", `ready: ${gate.reasons[0] ?? "all checks passed"}`)
      : outcome("pause", `not ready and nobody to hold back: ${gate.reasons.join("; ")}`);
  }
  if (!gate.passesAfterHoldBack) {
    return outcome(
      "pause",
      `not ready even without the ${gate.holdBack.length} users at risk: ${gate.reasons.join("; ")}`,
    );
  }
  return shrinkOrPause(state, limits, gate.holdBack, "would be locked out by enforcement");
}

function decideHealth(state: DecisionState, gates: DecisionInputs, limits: DecisionLimits): DecisionOutcome {
  const gate = gates.health;
  if (!gate) throw new Error("decide: the health gate result is missing");
  const summary = gate.reasons[0] ?? gate.verdict;
  // A few users on one broken app and platform barely move the wave's rate, but they are locked
  // out all the same: hold them back now rather than wait for the average to notice.
  const attribution = gates.attribution;
  if (gate.verdict !== "Fail" && attribution?.actionable) {
    return shrinkOrPause(
      state,
      limits,
      attribution.holdBack,
      "fail on one app and platform while the wave is healthy",
    );
  }
  switch (gate.verdict) {
    case "Pass":
      return outcome(
        "proceed",
        state.bakeComplete ? `bake complete and healthy: ${summary}` : `healthy so far: ${summary}`,
      );
    case "Pending":
    case "Inconclusive":
      if (!state.bakeComplete) return outcome("proceed", `keep baking: ${summary}`);
      return waitOrPause(state, limits, gate.reasons);
    case "Fail": {
      const attribution = gates.attribution;
      if (attribution?.concentrated) {
        const where =
          attribution.kind === "cluster" ? "one app and platform" : `${attribution.holdBack.length} users`;
        return shrinkOrPause(state, limits, attribution.holdBack, `account for the failures (${where})`);
      }
      return outcome("pause", `failures are spread across the wave: ${gate.reasons.join("; ")}`);
    }
  }
}

const SYSTEMIC_CAUSES: Record<SystemicCause, string> = {
  sharedOutage: "MFA service failing for enforced and unenforced users alike",
  serviceErrors: "sign-in service errors spread across many users",
  reportOnlyRise: "MFA failing for users the rollout has not enforced",
  spreadFailure: "MFA refusing sign-ins across the wave's users and apps alike",
};

/**
 * An operator reading a paused rollout must see at once that nobody is to blame and nobody was
 * held back, and what failed: "systemic: MFA service failing for enforced and unenforced users
 * alike (error 500121) — not the users' fault; nobody held back: <evidence>".
 */
function systemicReason(systemic: SystemicResult, attribution: AttributionResult | undefined): string {
  const what = systemic.cause ? SYSTEMIC_CAUSES[systemic.cause] : "failure beyond the wave";
  const code = systemic.code ?? attribution?.metrics.dominantCode ?? null;
  const error = code === null ? "" : ` (error ${code})`;
  return `systemic: ${what}${error} — not the users' fault; nobody held back: ${systemic.reasons.join("; ")}`;
}

function waitOrPause(state: DecisionState, limits: DecisionLimits, reasons: string[]): DecisionOutcome {
  const why = reasons.join("; ");
  if (state.extensions < limits.maxExtensions) {
    return outcome("extend", `extension ${state.extensions + 1} of ${limits.maxExtensions}: ${why}`);
  }
  return outcome("pause", `still no verdict after ${limits.maxExtensions} extensions: ${why}`);
}

function shrinkOrPause(
  state: DecisionState,
  limits: DecisionLimits,
  holdBack: HoldBack[],
  why: string,
): DecisionOutcome {
  const total = state.heldBack + holdBack.length;
  const share = state.waveSize === 0 ? 1 : total / state.waveSize;
  if (share > limits.maxHeldBackShare) {
    return outcome(
      "pause",
      `${holdBack.length} users ${why}, but holding them back would leave ${total} of ${state.waveSize} (${percent(share)}) held back, above ${percent(limits.maxHeldBackShare)}`,
    );
  }
  return outcome("shrink", `holding back ${holdBack.length} users who ${why}`, holdBack);
}

function outcome(decision: Decision, reason: string, holdBack: HoldBack[] = []): DecisionOutcome {
  return { decision, reason, holdBack };
}
