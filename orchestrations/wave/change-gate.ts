import type { Task } from "durable-functions";
import { ControlEvents, type ControlEventData } from "#shared/domain";
import { waitForTrustedControl } from "../trusted-control";
import { pauseWave } from "./pause";
import { setStatus } from "./set-status";
import { ENGINE, type WaveContext } from "./wave-context";
import { isInsideWindow } from "./window";

export type ChangeGateOutcome = { kind: "go"; actor: string } | { kind: "aborted"; data: ControlEventData };

/**
 * Enforcement is the change, so it waits for a change window (the advance-waves timer raises
 * `advance`) or, when the wave requires it, for an admin's approval. An `advance` that arrives
 * outside the window — a stale, buffered one — is ignored.
 */
export function* changeGate(wc: WaveContext): Generator<Task, ChangeGateOutcome, unknown> {
  const { context, wave } = wc;
  const waiting = wave.requireApproval ? "waitingForApproval" : "waitingForWindow";
  yield* setStatus(
    wc,
    waiting,
    wave.requireApproval ? "needs an admin's approval" : "next change window",
    ENGINE,
    wave.requireApproval ? "approval" : undefined,
  );
  for (;;) {
    const wake = yield* waitForTrustedControl(context, wc.input.rolloutId, [
      ControlEvents.approve,
      ControlEvents.advance,
      ControlEvents.pause,
      ControlEvents.abort,
    ]);
    if (wake.kind !== "event") continue;
    switch (wake.name) {
      case ControlEvents.abort:
        return { kind: "aborted", data: wake.data };
      case ControlEvents.approve:
        yield* setStatus(wc, "running", `approved by ${wake.data.actor}`, wake.data.actor);
        return { kind: "go", actor: wake.data.actor };
      case ControlEvents.advance:
        if (wave.requireApproval || !isInsideWindow(wave.schedule, context.df.currentUtcDateTime)) break;
        yield* setStatus(wc, "running", "inside the change window", ENGINE);
        return { kind: "go", actor: ENGINE };
      case ControlEvents.pause: {
        const paused = yield* pauseWave(wc, wake.data.reason ?? "paused by an admin", wake.data.actor);
        if (paused.kind === "aborted") return paused;
        yield* setStatus(wc, waiting, "resumed; waiting again", ENGINE);
        break;
      }
      default:
        break;
    }
  }
}
