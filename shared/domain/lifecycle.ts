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
export const USER_MOVES: Record<UserStage, readonly UserStage[]> = {
  pending: ["reportOnly", "excluded"],
  reportOnly: ["enforced", "heldBack", "excluded"],
  heldBack: ["enforced", "excluded", "reportOnly"],
  excluded: ["reportOnly", "heldBack", "enforced"],
  enforced: ["heldBack", "excluded"],
};

export function canMoveUser(from: UserStage, to: UserStage): boolean {
  return from === to || USER_MOVES[from].includes(to);
}

/**
 * Phases a wave row records, in order: setup writes `pending`, start-wave `observe`, the readiness
 * gate `readinessGate`, enforcement `bake`, and the wave's end its outcome.
 */
export const WAVE_PHASES = [
  "pending",
  "observe",
  "readinessGate",
  "bake",
  "completed",
  "steppedBack",
  "aborted",
] as const;
export type WavePhase = (typeof WAVE_PHASES)[number];

export function isWavePhase(value: string): value is WavePhase {
  return (WAVE_PHASES as readonly string[]).includes(value);
}

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

/** What an admin can ask of a rollout over HTTP (POST /api/rollouts/{id}/{action}). */
export const CONTROL_ACTIONS = [
  "pause",
  "resume",
  "approve",
  "abort",
  "retry-held-back",
  "end-watch",
] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

const WAITING_OR_RUNNING = ["running", "waitingForWindow", "waitingForApproval"] as const;

/**
 * The statuses in which each action means something; anything else is refused, not a silent
 * no-op. A completed rollout still listens: its held-back users can be retried and its last wave
 * stepped back.
 */
export const ACTIONS_ALLOWED_IN: Readonly<Record<ControlAction, readonly RolloutStatus[]>> = {
  pause: WAITING_OR_RUNNING,
  resume: ["paused"],
  approve: ["waitingForApproval", "waitingForWindow"],
  abort: [...WAITING_OR_RUNNING, "paused", "watching", "completed"],
  "retry-held-back": [...WAITING_OR_RUNNING, "paused", "watching", "completed"],
  "end-watch": ["watching"],
};

export function isControlAction(value: string): value is ControlAction {
  return (CONTROL_ACTIONS as readonly string[]).includes(value);
}

export function allowsAction(status: RolloutStatus, action: ControlAction): boolean {
  return ACTIONS_ALLOWED_IN[action].includes(status);
}

/**
 * Final for the rollout's run: no wave will start again, so its population no longer overlaps a
 * new rollout's and its report shows how long it took.
 */
export function isFinalStatus(status: RolloutStatus): boolean {
  return status === "completed" || status === "aborted" || status === "failed";
}

/**
 * Closed: nothing changes any more, not even exclusions ending on their date (an aborted or failed
 * rollout's users stay where an admin can see them and decide).
 */
export function isClosedStatus(status: RolloutStatus): boolean {
  return status === "aborted" || status === "failed";
}

/**
 * Whether the users table may be rebuilt from Graph now: not while a wave runs, since its
 * activities write the same rows and groups (the watch's too); paused, waiting and finished rollouts hold still.
 */
export function canReconcile(status: RolloutStatus): boolean {
  // The watch holds users back as it looks, writing the same rows.
  return status !== "running" && status !== "watching";
}
