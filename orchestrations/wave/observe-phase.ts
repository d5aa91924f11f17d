import type { Task } from "durable-functions";
import { Activities, type GateResult } from "../activity-contracts";
import { ControlEvents, type ControlEventData, isoDurationMs } from "#shared/domain";
import { waitForTrustedControl } from "../trusted-control";
import { pauseWave } from "./pause";
import { ENGINE, nowIso, type WaveContext } from "./wave-context";
import { callActivity } from "./call-activity";

export type ObserveOutcome =
  { kind: "ready"; gate: GateResult } | { kind: "aborted"; data: ControlEventData };

/**
 * Observation under report-only, then the readiness gate. Each stretch of the sign-in log is read
 * once (from `collectedTo` onwards) and kept as counters, so extending re-reads nothing.
 */
export function* observePhase(wc: WaveContext): Generator<Task, ObserveOutcome, unknown> {
  const { context, input, wave } = wc;
  let observeUntil = new Date(wave.observeUntil);
  let collectedTo = wave.observeFrom;
  let extensions = 0;
  for (;;) {
    if (context.df.currentUtcDateTime < observeUntil) {
      const wake = yield* waitForTrustedControl(
        context,
        input.rolloutId,
        [ControlEvents.pause, ControlEvents.abort],
        observeUntil,
      );
      if (wake.kind === "event") {
        if (wake.name === ControlEvents.abort) return { kind: "aborted", data: wake.data };
        const paused = yield* pauseWave(wc, wake.data.reason ?? "paused by an admin", wake.data.actor);
        if (paused.kind === "aborted") return paused;
        continue;
      }
    }
    const to = nowIso(context);
    yield* callActivity(context, Activities.collectSignIns, {
      rolloutId: input.rolloutId,
      waveIndex: input.waveIndex,
      purpose: "observe",
      from: collectedTo,
      to,
    });
    collectedTo = to;
    const gate = yield* callActivity(context, Activities.evaluateReadiness, {
      rolloutId: input.rolloutId,
      waveIndex: input.waveIndex,
      at: to,
      extensions,
    });
    if (gate.decision === "extend") {
      extensions += 1;
      observeUntil = new Date(context.df.currentUtcDateTime.getTime() + isoDurationMs(wave.extendBy));
      continue;
    }
    if (gate.decision === "pause") {
      const paused = yield* pauseWave(wc, `readiness gate: ${gate.reason}`, ENGINE);
      if (paused.kind === "aborted") return paused;
      extensions = 0;
      continue;
    }
    return { kind: "ready", gate };
  }
}
