/**
 * The audit actions every completed rollout writes, at least once each: the steps someone reading
 * a rollout's audit expects to find, whichever host ran it.
 */
export const ROLLOUT_MILESTONES: readonly string[] = [
  "rollout:start",
  "preflight",
  "setup",
  "wave:start",
  "wave:enforce",
  "wave:completed",
  "rollout:completed",
];
