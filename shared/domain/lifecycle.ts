/**
 * The names of every state and event of a rollout, shared by the orchestrations, the store and
 * the API so a status means the same thing in a table, a log line and an HTTP answer.
 */

/** Where one user stands. `excluded` is an audited, time-boxed exclusion; `heldBack` waits for a retry. */
export const USER_STAGES = ["pending", "reportOnly", "heldBack", "excluded", "enforced"] as const;
export type UserStage = (typeof USER_STAGES)[number];

/**
 * Stage changes the engine may make. Enforced users only leave enforcement by being held back
 * (shrink, step back) or excluded by an admin; nobody goes back to `pending`.
 */
const USER_TRANSITIONS: Record<UserStage, readonly UserStage[]> = {
  pending: ["reportOnly", "excluded"],
  reportOnly: ["enforced", "heldBack", "excluded"],
  heldBack: ["enforced", "excluded", "reportOnly"],
  excluded: ["reportOnly", "heldBack", "enforced"],
  enforced: ["heldBack", "excluded"],
};

export function canMoveUser(from: UserStage, to: UserStage): boolean {
  return from === to || USER_TRANSITIONS[from].includes(to);
}

/** Phases of one wave, in order; `paused`, `steppedBack`, `aborted` can interrupt any of them. */
export const WAVE_PHASES = [
  "pending",
  "observe",
  "readinessGate",
  "waitingForWindow",
  "waitingForApproval",
  "enforce",
  "bake",
  "completed",
  "paused",
  "steppedBack",
  "aborted",
] as const;
export type WavePhase = (typeof WAVE_PHASES)[number];

export const ROLLOUT_STATUSES = [
  "running",
  /** Every wave is done; enforced users stay observed until the watch ends (docs/WATCH.md). */
  "watching",
  "waitingForWindow",
  "waitingForApproval",
  "paused",
  "completed",
  "aborted",
  "failed",
] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** Statuses a rollout never leaves. */
export function isFinalStatus(status: RolloutStatus): boolean {
  return status === "completed" || status === "aborted" || status === "failed";
}

/** External events raised by admins (HTTP) or timers, by their durable event names. */
export const ROLLOUT_EVENTS = [
  "pause",
  "resume",
  "approve",
  "advance",
  "abort",
  "retryHeldBack",
  "endWatch",
] as const;
export type RolloutEvent = (typeof ROLLOUT_EVENTS)[number];
