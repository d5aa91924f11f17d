import type { RolloutRecord } from "../../shared/store";
import { LOCAL_ADMIN, principalHeader } from "./local-admin";
import type { Stack } from "./start-stack";

export interface DriveOptions {
  plan: unknown;
  rolloutId: string;
  /** Virtual time per step: the progress display refreshes once a step. */
  stepMs: number;
  /** Stop, failing, if the rollout is not done by then (virtual time). */
  deadline: Date;
  /** Admin approvals are given automatically when a wave asks for one. */
  autoApprove: boolean;
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
export async function driveRollout(stack: Stack, options: DriveOptions): Promise<DriveResult> {
  const headers = { "x-ms-client-principal": principalHeader(LOCAL_ADMIN), "content-type": "application/json" };
  const startedAt = stack.clock.now();
  const started = await stack.host.invokeHttp({ method: "POST", url: "/api/rollouts", headers, body: options.plan as object });
  if (started.status !== 202) {
    throw new Error(`starting the rollout answered ${started.status}: ${started.body}`);
  }
  let rollout = await stack.store.rollouts.get(options.rolloutId);
  for (;;) {
    await stack.host.advanceBy(options.stepMs);
    if (stack.host.stoppedByFault) throw new Error(`the host stopped: ${stack.host.stoppedByFault}`);
    rollout = await stack.store.rollouts.get(options.rolloutId);
    await options.onStep?.(rollout, stack.clock.now());
    if (DONE.has(rollout.status)) return { rollout, finished: true, startedAt, endedAt: stack.clock.now() };
    if (rollout.status === "waitingForApproval" && options.autoApprove) {
      const approved = await stack.host.invokeHttp({
        method: "POST",
        url: `/api/rollouts/${options.rolloutId}/approve`,
        headers,
        body: { reason: "rehearsal: approved automatically" },
      });
      if (approved.status !== 202) throw new Error(`approving answered ${approved.status}: ${approved.body}`);
    }
    if (stack.clock.now().getTime() >= options.deadline.getTime()) {
      return { rollout, finished: false, startedAt, endedAt: stack.clock.now() };
    }
  }
}
