import type { Task } from "durable-functions";
import { Activities, type GateResult, type WaveStepInput } from "../activity-contracts";
import { ControlEvents, type ControlEventData, isoDurationMs } from "#shared/domain";
import { waitForTrustedControl } from "../trusted-control";
import { guardAgainstDrift } from "./drift-guard";
import { pauseWave } from "./pause";
import { ENGINE, nowIso, type WaveContext } from "./wave-context";
import { callActivity } from "./call-activity";

export type BakeOutcome = { kind: "baked"; segment: number } | { kind: "aborted"; data: ControlEventData };

/**
 * After enforcement: periodic health gates over the sign-ins since the last read. Inconclusive
 * evidence extends the bake; a concentrated failure shrinks the wave and the bake goes on; a broad
 * or systemic failure pauses. Nothing here touches other waves.
 */
export function* bakePhase(wc: WaveContext): Generator<Task, BakeOutcome, unknown> {
  const { context, input, wave } = wc;
  const every = isoDurationMs(wave.healthCheckEvery);
  let bakeUntil = context.df.currentUtcDateTime.getTime() + isoDurationMs(wave.bakeFor);
  let collectedTo = nowIso(context);
  let extensions = 0;
  let segment = 0;
  let lateTailMs = 0;
  /** When the bake, its attempts no longer pending, may end (set at its first passing end). */
  let settledEnd: number | undefined;

  function* collect(): Generator<Task, string, unknown> {
    const to = nowIso(context);
    const read = yield* callActivity(context, Activities.collectSignIns, {
      rolloutId: input.rolloutId,
      waveIndex: input.waveIndex,
      purpose: "bake",
      segment,
      from: collectedTo,
      to,
    });
    lateTailMs = read.lateTailMs ?? 0;
    collectedTo = to;
    return to;
  }

  function* healthGate(bakeComplete: boolean): Generator<Task, GateResult, unknown> {
    const at = yield* collect();
    const gate = yield* callActivity(context, Activities.evaluateHealth, {
      rolloutId: input.rolloutId,
      waveIndex: input.waveIndex,
      at,
      extensions,
      bakeComplete,
      segment,
    });
    if (gate.heldBack > 0) yield* callActivity(context, Activities.releaseHeldBack, step(at));
    return gate;
  }

  function step(at: string): WaveStepInput {
    return { rolloutId: input.rolloutId, waveIndex: input.waveIndex, at, actor: ENGINE };
  }

  const recheck = {
    every,
    passes: function* (): Generator<Task, boolean, unknown> {
      // Only a clean pass resumes by itself: a gate that would shrink again stays with the admin.
      const gate = yield* healthGate(false);
      return gate.verdict === "Pass" && gate.decision === "proceed";
    },
  };

  for (;;) {
    const nextCheck = new Date(Math.min(context.df.currentUtcDateTime.getTime() + every, bakeUntil));
    const wake = yield* waitForTrustedControl(
      context,
      input.rolloutId,
      [ControlEvents.pause, ControlEvents.abort, ControlEvents.retryHeldBack],
      nextCheck,
    );
    if (wake.kind === "event") {
      if (wake.name === ControlEvents.abort) return { kind: "aborted", data: wake.data };
      if (wake.name === ControlEvents.retryHeldBack) {
        yield* callActivity(context, Activities.retryHeldBack, {
          ...step(nowIso(context)),
          actor: wake.data.actor,
        });
        continue;
      }
      const paused = yield* pauseWave(wc, wake.data.reason ?? "paused by an admin", wake.data.actor);
      if (paused.kind === "aborted") return paused;
      continue;
    }
    const guarded = yield* guardAgainstDrift(wc, "health gate");
    if (guarded.kind === "aborted") return guarded;
    const bakeComplete = context.df.currentUtcDateTime.getTime() >= bakeUntil;
    const gate = yield* healthGate(bakeComplete);
    switch (gate.decision) {
      case "proceed":
        if (bakeComplete) {
          // Where rows arrive hours late, the bake's last hours are still pending (the reads'
          // late tail, collect-sign-ins.ts): the wave ends once they too have been judged.
          settledEnd ??= bakeUntil + lateTailMs;
          if (context.df.currentUtcDateTime.getTime() >= settledEnd) return { kind: "baked", segment };
          bakeUntil = settledEnd;
        }
        break;
      case "extend":
        settledEnd = undefined;
        if (bakeComplete) {
          extensions += 1;
          bakeUntil = context.df.currentUtcDateTime.getTime() + isoDurationMs(wave.extendBy);
        }
        break;
      case "shrink":
        settledEnd = undefined;
        // The wave without the held-back users gets a check of its own, at a later time: one at
        // this same instant would share this decision's keys (gate row, audit row).
        if (bakeComplete) bakeUntil = context.df.currentUtcDateTime.getTime() + every;
        break;
      case "pause": {
        // Evidence from before the pause (an outage, say) must not keep failing the gate for
        // ever: re-checks and the resumed bake count from a fresh segment.
        segment += 1;
        const paused = yield* pauseWave(wc, `health gate: ${gate.reason}`, ENGINE, recheck);
        if (paused.kind === "aborted") return paused;
        bakeUntil = Math.max(bakeUntil, context.df.currentUtcDateTime.getTime() + every);
        break;
      }
    }
  }
}
