import type { OrchestrationContext, Task } from "durable-functions";
import { nextWatchCheck, watchingStatus, ControlEvents } from "#shared/domain";
import { Activities, type RolloutInput, type RolloutStatus, type WatchProgress } from "../activity-contracts";
import { waitForTrustedControl } from "../trusted-control";
import { callActivity } from "../wave/call-activity";
import { watchLook } from "../watch/watch-look";

const ENGINE = "system:engine";

export type StatusWriter = (
  value: RolloutStatus,
  reason: string,
  key: string,
) => Generator<Task, void, unknown>;

/**
 * What one execution of the watch came to: the next look's progress (the caller continues as new
 * with it, so history holds one look at a time whatever the watch's length), the end of the
 * watch, or an admin's abort.
 */
export type WatchStep =
  { kind: "continue"; watch: WatchProgress } | { kind: "ended"; watch: WatchProgress } | { kind: "aborted" };

/**
 * After the last wave: every `watch.checkEvery` until the last wave's watch ends, read the new
 * stretch of the sign-in log into the watch windows and look (watch-look.ts). One look per
 * execution. An admin may retry held-back users meanwhile, end the watch early, or abort.
 */
export function* watchStep(
  context: OrchestrationContext,
  input: RolloutInput,
  status: StatusWriter,
): Generator<Task, WatchStep, unknown> {
  const rolloutId = context.df.instanceId;
  const now = () => context.df.currentUtcDateTime;
  if (!input.watch) {
    const look = yield* watchLook(context, rolloutId, input.waveCount, ENGINE);
    const watch: WatchProgress = {
      collectedTo: now().toISOString(),
      looks: 0,
      until: look.until ?? now().toISOString(),
      checkEvery: look.checkEvery,
      watched: look.watched,
      heldBack: look.heldBack,
    };
    if (look.until === null || Date.parse(look.until) <= now().getTime())
      return { kind: "ended", watch: { ...watch, ended: "no wave is watched" } };
    yield* status("watching", watchingStatus(watch.until, watch.watched, watch.heldBack), "watch-start");
    return { kind: "continue", watch };
  }
  const watch = input.watch;
  const next = nextWatchCheck(now().getTime(), Date.parse(watch.until), watch.checkEvery) ?? now().getTime();
  const wake = yield* waitForTrustedControl(
    context,
    rolloutId,
    [ControlEvents.abort, ControlEvents.retryHeldBack, ControlEvents.endWatch],
    new Date(next),
  );
  if (wake.kind === "event") {
    if (wake.name === ControlEvents.abort) return { kind: "aborted" };
    if (wake.name === ControlEvents.endWatch) {
      const why = `the watch was ended early by ${wake.data.actor}${wake.data.reason ? `: ${wake.data.reason}` : ""}`;
      return { kind: "ended", watch: { ...watch, ended: why } };
    }
    yield* callActivity(context, Activities.retryHeldBack, {
      rolloutId,
      waveIndex: -1,
      at: now().toISOString(),
      actor: wake.data.actor,
    });
    return { kind: "continue", watch };
  }
  const to = now().toISOString();
  yield* callActivity(context, Activities.collectSignIns, {
    rolloutId,
    waveIndex: input.waveCount,
    purpose: "watch",
    from: watch.collectedTo,
    to,
  });
  const look = yield* watchLook(context, rolloutId, input.waveCount, ENGINE);
  const after: WatchProgress = {
    ...watch,
    collectedTo: to,
    looks: watch.looks + 1,
    watched: look.watched,
    heldBack: look.heldBack,
  };
  if (now().getTime() >= Date.parse(watch.until))
    return { kind: "ended", watch: { ...after, ended: `the watch ended on ${watch.until}` } };
  if (look.watched !== watch.watched || look.heldBack !== watch.heldBack) {
    yield* status(
      "watching",
      watchingStatus(watch.until, look.watched, look.heldBack),
      `watch-${after.looks}`,
    );
  }
  return { kind: "continue", watch: after };
}
