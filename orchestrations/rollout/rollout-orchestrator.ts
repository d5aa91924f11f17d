import * as df from "durable-functions";
import type { OrchestrationContext, Task } from "durable-functions";
import {
  Activities,
  Orchestrations,
  type RolloutInput,
  type RolloutStatus,
  type SetStatusInput,
  type WaveInput,
  type WaveResult,
} from "../activity-contracts";
import { ControlEvents } from "#shared/domain";
import { waitForTrustedControl } from "../trusted-control";
import { controlInbox } from "../control-inbox";
import { callActivity } from "../wave/call-activity";
import type { NotificationKind } from "#shared/notify";
import { watchStep } from "./watch-phase";

const ENGINE = "system:engine";

/**
 * The rollout: preflight and setup once, then one wave sub-orchestration per execution,
 * continuing-as-new between waves so history stays bounded whatever the number of waves or users.
 * After the last wave its users stay watched (watch-phase.ts, one look per execution), then it
 * follows up on held-back users until none is left to retry.
 * The instance id is the rollout id (singleton).
 */
export function* rolloutOrchestrator(context: OrchestrationContext): Generator<Task, string, unknown> {
  const input = context.df.getInput() as RolloutInput;
  const rolloutId = context.df.instanceId;
  const at = () => context.df.currentUtcDateTime.toISOString();
  const inbox = controlInbox(context);

  /** Events this execution received, settled and passed to the next one (continue-as-new drops them). */
  function* pendingControl(received: RolloutInput["pendingControl"] = []) {
    yield* inbox.settle();
    return [...received, ...inbox.drain()];
  }

  function* status(
    value: RolloutStatus,
    reason: string,
    key: string,
    activeWave: string | null = null,
    notify?: NotificationKind,
  ) {
    const payload: SetStatusInput = {
      rolloutId,
      status: value,
      reason,
      actor: ENGINE,
      at: at(),
      idempotencyKey: `rollout-${key}`,
      activeWaveInstanceId: activeWave,
      ...(notify ? { notify } : {}),
    };
    context.df.setCustomStatus({ status: value, wave: input.nextWave, reason });
    yield* callActivity(context, Activities.setRolloutStatus, payload);
  }

  if (!input.setupDone) {
    yield* status("running", `started by ${input.startedBy}`, "start");
    const preflight = yield* callActivity(context, Activities.preflight, { rolloutId });
    if (!preflight.ok) {
      yield* status("failed", `preflight failed: ${preflight.problems.join("; ")}`, "preflight-failed");
      return "failed";
    }
    const setup = yield* callActivity(context, Activities.setupRollout, {
      rolloutId,
      at: at(),
      actor: input.startedBy,
    });
    const pending = yield* pendingControl(input.pendingControl);
    context.df.continueAsNew({
      ...input,
      pendingControl: pending,
      setupDone: true,
      nextWave: 0,
      waveCount: setup.waveCount,
      reportOnlySince: setup.reportOnlySince,
    } satisfies RolloutInput);
    return "setup";
  }

  if (input.nextWave < input.waveCount) {
    const waveInstanceId = `${rolloutId}--wave-${input.nextWave}`;
    const waveInput: WaveInput = {
      rolloutId,
      waveIndex: input.nextWave,
      reportOnlySince: input.reportOnlySince,
      actor: ENGINE,
    };
    // Control events must reach the wave from its first moment (observation included).
    yield* status(
      "running",
      `wave ${input.nextWave + 1} of ${input.waveCount} started`,
      `wave-${input.nextWave}`,
      waveInstanceId,
    );
    // Until that status landed, the HTTP API sent events here (the previous wave had ended).
    waveInput.pendingControl = yield* pendingControl(input.pendingControl);
    const result = (yield context.df.callSubOrchestrator(
      Orchestrations.wave,
      waveInput,
      waveInstanceId,
    )) as WaveResult;
    if (result.outcome === "aborted") {
      yield* callActivity(context, Activities.completeRollout, { rolloutId, at: at(), outcome: "aborted" });
      return "aborted";
    }
    const pending = yield* pendingControl(result.pendingControl);
    context.df.continueAsNew({
      ...input,
      nextWave: input.nextWave + 1,
      pendingControl: pending,
    } satisfies RolloutInput);
    return `wave ${input.nextWave} ${result.outcome}`;
  }

  inbox.carry(input.pendingControl);
  // Every wave is done: their enforced users stay watched, one look per execution.
  if (!input.watch?.ended) {
    const step = yield* watchStep(context, input, status);
    if (step.kind === "aborted") {
      yield* callActivity(context, Activities.completeRollout, { rolloutId, at: at(), outcome: "aborted" });
      return "aborted";
    }
    const pending = yield* pendingControl();
    context.df.continueAsNew({ ...input, watch: step.watch, pendingControl: pending } satisfies RolloutInput);
    return step.kind === "ended" ? "watch ended" : `watch look ${step.watch.looks}`;
  }
  // Held-back users are retried on their retry date or on request.
  yield* status("completed", `every wave is done; ${input.watch.ended}`, "waves-done", null, "completion");
  let retry = yield* callActivity(context, Activities.retryHeldBack, {
    rolloutId,
    waveIndex: -1,
    at: at(),
    actor: ENGINE,
  });
  // Users held back for failing under enforcement have no retry date: the instance stays, cheaply,
  // waiting for an admin's retry-held-back (or abort), so the request always has a listener.
  for (let round = 1; retry.nextRetryAt !== null || retry.awaitingAdmin > 0; round++) {
    if (retry.nextRetryAt === null) {
      yield* status(
        "completed",
        `every wave is done; ${retry.awaitingAdmin} held-back user(s) wait for an admin's retry-held-back`,
        `awaiting-admin-${round}`,
      );
      context.df.setCustomStatus({ status: "completed", awaitingAdmin: retry.awaitingAdmin });
    }
    const wake = yield* waitForTrustedControl(
      context,
      rolloutId,
      [ControlEvents.retryHeldBack, ControlEvents.abort],
      retry.nextRetryAt === null ? undefined : new Date(retry.nextRetryAt),
    );
    if (wake.kind === "event" && wake.name === ControlEvents.abort) break;
    const actor = wake.kind === "event" ? wake.data.actor : ENGINE;
    retry = yield* callActivity(context, Activities.retryHeldBack, {
      rolloutId,
      waveIndex: -1,
      at: at(),
      actor,
    });
  }
  yield* callActivity(context, Activities.completeRollout, { rolloutId, at: at(), outcome: "completed" });
  return "completed";
}

df.app.orchestration(Orchestrations.rollout, rolloutOrchestrator);
