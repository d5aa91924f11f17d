import type { Task } from "durable-functions";
import { ControlEvents, type ControlEventData } from "#shared/domain";
import { waitForTrustedControl } from "../trusted-control";
import { setStatus } from "./set-status";
import { ENGINE, type WaveContext } from "./wave-context";

export type PauseOutcome = { kind: "resumed"; actor: string } | { kind: "aborted"; data: ControlEventData };

/** Re-runs the gate while paused; true when it passes again. */
export type Recheck = { every: number; passes: () => Generator<Task, boolean, unknown> };

/**
 * Holds the wave still. An admin's pause waits for an admin; a gate's pause (an MFA outage, a
 * broad failure) also re-checks health every interval and resumes by itself once the gate passes,
 * because nobody should have to be awake when the MFA provider recovers.
 */
export function* pauseWave(
  wc: WaveContext,
  reason: string,
  actor: string,
  recheck?: Recheck,
): Generator<Task, PauseOutcome, unknown> {
  yield* setStatus(wc, "paused", reason, actor, "pause");
  let rechecking = recheck;
  for (;;) {
    const until = rechecking
      ? new Date(wc.context.df.currentUtcDateTime.getTime() + rechecking.every)
      : undefined;
    const wake = yield* waitForTrustedControl(
      wc.context,
      wc.input.rolloutId,
      [ControlEvents.resume, ControlEvents.abort, ControlEvents.pause],
      until,
    );
    if (wake.kind === "event" && wake.name === ControlEvents.abort)
      return { kind: "aborted", data: wake.data };
    if (wake.kind === "event" && wake.name === ControlEvents.pause) {
      // Already paused. Taken here, a second admin's pause (two at once) cannot linger and pause
      // the wave again right after a resume; during a gate's pause, a person now decides.
      rechecking = undefined;
      continue;
    }
    if (wake.kind === "event") {
      yield* setStatus(wc, "running", `resumed by ${wake.data.actor}`, wake.data.actor, "resume");
      return { kind: "resumed", actor: wake.data.actor };
    }
    if (rechecking && (yield* rechecking.passes())) {
      yield* setStatus(
        wc,
        "running",
        "resumed automatically: the health gate passes again",
        ENGINE,
        "resume",
      );
      return { kind: "resumed", actor: ENGINE };
    }
  }
}
