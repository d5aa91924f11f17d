import type { Task } from "durable-functions";
import type { ControlEventData } from "#shared/domain";
import { callActivity } from "./call-activity";
import { Activities, type CheckDriftInput } from "../activity-contracts";
import { pauseWave } from "./pause";
import { nowIso, stepKey, type WaveContext } from "./wave-context";

export type DriftOutcome = { kind: "clear" } | { kind: "aborted"; data: ControlEventData };

/**
 * Before a change (enforcement) and before each health gate: if someone edited a managed policy
 * or group outside the rollout, pause with the reason and wait for an admin. Their `resume`
 * acknowledges the tenant as it is: the users table is rebuilt from Graph (reconcile), an edited
 * policy becomes the new baseline (refused if it stopped excluding a break-glass account) and a
 * deleted one is recreated. Then the check runs again: drift that remains pauses again.
 */
export function* guardAgainstDrift(
  wc: WaveContext,
  checkpoint: CheckDriftInput["checkpoint"],
): Generator<Task, DriftOutcome, unknown> {
  const { context, input } = wc;
  for (;;) {
    const check = yield* callActivity(context, Activities.checkDrift, {
      rolloutId: input.rolloutId,
      waveIndex: input.waveIndex,
      at: nowIso(context),
      checkpoint,
    } satisfies CheckDriftInput);
    if (!check.drift) return { kind: "clear" };
    const reason = `drift before the ${checkpoint}: ${check.reasons.join("; ")}. Resume to accept the tenant as it is now`;
    const paused = yield* pauseWave(wc, reason.slice(0, 1000), "system:drift-check");
    if (paused.kind === "aborted") return paused;
    yield* callActivity(context, Activities.reconcile, {
      rolloutId: input.rolloutId,
      at: nowIso(context),
      actor: paused.actor,
      acknowledgePolicies: true,
      idempotencyKey: stepKey(wc, "reconcile"),
    });
  }
}
