import type { HoldBack } from "../gates/gate-result";
import type { HealthCheck } from "../gates/wave-checks";

/**
 * What the watch does with one wave's health check. The watch runs the bake's own check
 * (checkHealth) on the bake's counters carried on, so it blames users with the same attribution
 * and the same reasons, and its looks are more looks of the same sequential tests (their bounds
 * hold at any number of looks). Only the action differs: the waves are done, so nothing pauses.
 */
export type WatchAction =
  /** Attribution names users whose attempts fail under enforcement: hold them back. */
  | "holdBack"
  /** The failures are systemic (an MFA outage): reported, nobody held back, nothing paused. */
  | "systemic"
  /** The wave fails broadly without a few users to blame: reported for an admin, nothing done. */
  | "spread"
  /** Nothing to act on. */
  | "healthy";

export interface WatchDecision {
  action: WatchAction;
  reason: string;
  holdBack: HoldBack[];
}

export function decideWatch(check: HealthCheck): WatchDecision {
  const { decision } = check.decision;
  const reason = check.decision.reason;
  if (check.systemic.systemic) {
    return { action: "systemic", reason: `${reason} (during the watch: nothing paused)`, holdBack: [] };
  }
  if (decision === "shrink" && check.decision.holdBack.length > 0) {
    return { action: "holdBack", reason: `watch: ${reason}`, holdBack: check.decision.holdBack };
  }
  if (decision === "pause") {
    return {
      action: "spread",
      reason: `watch: ${reason} (the waves are done: nothing paused, nobody held back; an admin decides)`,
      holdBack: [],
    };
  }
  return { action: "healthy", reason: `watch: ${reason}`, holdBack: [] };
}
