/**
 * The replay contract of the rollout and wave orchestrators: which tasks they yield, in which
 * order. A running instance replays its history against the deployed code, so any change to that
 * order is a breaking change for rollouts in flight (DEPLOY.md, "Upgrades with rollouts in
 * flight"). Bump it with every such change; each rollout records the value it started with.
 *
 * 1: the first release. 2: control events through ControlInbox, waits in steps of at most 3 days,
 * events passed on at the end of a wave and across continue-as-new. 3: the watch (open-watch after
 * each bake, watch looks after each later health gate, the watch executions after the last wave).
 */
export const ORCHESTRATION_VERSION = "3";
