import type { RolloutRecord } from "../../shared/store";
import type { Api } from "./api-client";
import type { AppStack } from "./start-stack";

export interface DriveOptions {
  api: Api;
  plan: unknown;
  rolloutId: string;
  /** Virtual time per step: the progress display refreshes once a step. */
  stepMs: number;
  /**
   * Virtual time per step while the rollout only watches (every wave done): a month of looks every
   * few hours needs no hourly display, and hourly steps would make the watch most of the wall time.
   */
  watchingStepMs?: number;
  /** Stop, unfinished, if the rollout is not done by then (virtual time). */
  deadline: Date;
  /** Admin approvals are given automatically when a wave asks for one. */
  autoApprove: boolean;
  /** Real milliseconds to spend per virtual step at most (pacing for --speed); 0 runs flat out. */
  realMsPerStep?: number;
  onStep?: (rollout: RolloutRecord, at: Date) => void | Promise<void>;
}

export interface DriveResult {
  rollout: RolloutRecord;
  finished: boolean;
  startedAt: Date;
  endedAt: Date;
}

const DONE = new Set(["completed", "aborted", "failed"]);

/** Talks to the API as an admin would, and moves virtual time until the rollout is done. */
export async function driveRollout(stack: AppStack, options: DriveOptions): Promise<DriveResult> {
  const startedAt = stack.clock.now();
  const started = await options.api("POST", "/api/rollouts", options.plan);
  if (started.status !== 202)
    throw new Error(`starting the rollout answered ${started.status}: ${started.body}`);
  let rollout = await stack.store.rollouts.get(options.rolloutId);
  for (;;) {
    const stepStarted = Date.now();
    const step = rollout.status === "watching" ? (options.watchingStepMs ?? options.stepMs) : options.stepMs;
    await stack.host.advanceBy(step);
    if (stack.host.stoppedByFault) throw new Error(`the host stopped: ${stack.host.stoppedByFault}`);
    rollout = await stack.store.rollouts.get(options.rolloutId);
    await options.onStep?.(rollout, stack.clock.now());
    if (DONE.has(rollout.status)) return { rollout, finished: true, startedAt, endedAt: stack.clock.now() };
    if (rollout.status === "waitingForApproval" && options.autoApprove) {
      const approved = await options.api("POST", `/api/rollouts/${options.rolloutId}/approve`, {
        reason: "rehearsal: approved automatically",
      });
      if (approved.status !== 202) throw new Error(`approving answered ${approved.status}: ${approved.body}`);
    }
    if (stack.clock.now().getTime() >= options.deadline.getTime()) {
      return { rollout, finished: false, startedAt, endedAt: stack.clock.now() };
    }
    const pause = ((options.realMsPerStep ?? 0) * step) / options.stepMs - (Date.now() - stepStarted);
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
