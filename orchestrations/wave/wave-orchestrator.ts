import * as df from "durable-functions";
import type { OrchestrationContext, Task } from "durable-functions";
import { Activities, Orchestrations, type WaveInput, type WaveResult } from "../activity-contracts";
import type { ControlEventData } from "#shared/domain";
import { controlInbox } from "../control-inbox";
import { bakePhase } from "./bake-phase";
import { changeGate } from "./change-gate";
import { guardAgainstDrift } from "./drift-guard";
import { observePhase } from "./observe-phase";
import { ENGINE, nowIso, type WaveContext } from "./wave-context";
import { callActivity } from "./call-activity";
import { bakeResult } from "../watch/bake-result";

/** One wave: select → observe → readiness gate → change window → enforce → bake → decision. */
export function* waveOrchestrator(context: OrchestrationContext): Generator<Task, WaveResult, unknown> {
  const input = context.df.getInput() as WaveInput;
  const inbox = controlInbox(context);
  inbox.carry(input.pendingControl);
  const step = () => ({
    rolloutId: input.rolloutId,
    waveIndex: input.waveIndex,
    at: nowIso(context),
    actor: ENGINE,
  });
  const wave = yield* callActivity(context, Activities.startWave, {
    ...step(),
    reportOnlySince: input.reportOnlySince,
  });
  const wc: WaveContext = { context, input, wave, instanceId: context.df.instanceId };

  function* finish(outcome: WaveResult["outcome"], reason: string): Generator<Task, WaveResult, unknown> {
    const result = yield* callActivity(context, Activities.completeWave, {
      ...step(),
      outcome,
      reason,
    });
    // A pause or abort sent while the wave was finishing is the next wave's business.
    yield* inbox.settle();
    return { ...result, pendingControl: inbox.drain() };
  }

  function* aborted(data: ControlEventData): Generator<Task, WaveResult, unknown> {
    if (data.stepBack)
      yield* callActivity(context, Activities.stepBackWave, { ...step(), actor: data.actor });
    return yield* finish("aborted", `aborted by ${data.actor}${data.reason ? `: ${data.reason}` : ""}`);
  }

  const observed = yield* observePhase(wc);
  if (observed.kind === "aborted") return yield* aborted(observed.data);

  const gate = yield* changeGate(wc);
  if (gate.kind === "aborted") return yield* aborted(gate.data);
  const guarded = yield* guardAgainstDrift(wc, "enforcement");
  if (guarded.kind === "aborted") return yield* aborted(guarded.data);

  yield* callActivity(context, Activities.enforceWave, { ...step(), actor: gate.actor });

  const baked = yield* bakePhase(wc);
  if (baked.kind === "aborted") return yield* aborted(baked.data);
  const watch = yield* callActivity(context, Activities.openWatch, {
    ...step(),
    segment: baked.segment,
  });
  return yield* finish("completed", bakeResult(watch));
}

df.app.orchestration(Orchestrations.wave, waveOrchestrator);
