import * as df from "durable-functions";
import type { WireAction } from "./actions";
import type { HistoryEvent } from "./history-events";
import type { Registration } from "./registry";
import { LONG_RUNNING_TIMER_INTERVAL_DURATION, MAXIMUM_SHORT_TIMER_DURATION } from "./timers";

/** What the extension sends: schema V1 plus "new" V3, so the SDK models long timers itself. */
const UPPER_SCHEMA_VERSION = 1;
const UPPER_SCHEMA_VERSION_NEW = 2;
const OUT_OF_PROC_LABEL = "\n\n$OutOfProcData$:";

export type EpisodeResult =
  | { ok: true; isDone: boolean; actions: WireAction[]; output: unknown; customStatus: unknown }
  | { ok: false; message: string; details?: string; customStatus: unknown };

interface OrchestratorState {
  isDone: boolean;
  actions: WireAction[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
}

/**
 * One replay episode of a real durable-functions orchestrator: a fresh context, the whole
 * history (earlier events marked played), the trigger fields the extension would send.
 */
export async function runEpisode(
  registration: Registration,
  request: { instanceId: string; parentInstanceId?: string; input: unknown; history: HistoryEvent[] },
): Promise<EpisodeResult> {
  const trigger = {
    history: request.history,
    input: request.input,
    instanceId: request.instanceId,
    isReplaying: request.history.some((e) => e.IsPlayed),
    parentInstanceId: request.parentInstanceId ?? "",
    upperSchemaVersion: UPPER_SCHEMA_VERSION,
    upperSchemaVersionNew: UPPER_SCHEMA_VERSION_NEW,
    maximumShortTimerDuration: MAXIMUM_SHORT_TIMER_DURATION,
    longRunningTimerIntervalDuration: LONG_RUNNING_TIMER_INTERVAL_DURATION,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  const context = new df.DummyOrchestrationContext(registration.name, undefined, () => undefined);
  try {
    const state = (await registration.handler(trigger, context)) as OrchestratorState;
    return {
      ok: true,
      isDone: state.isDone,
      actions: state.actions[0] ?? [],
      output: state.output,
      customStatus: state.customStatus,
    };
  } catch (error) {
    return failureOf(error);
  }
}

function failureOf(error: unknown): EpisodeResult {
  const text = error instanceof Error ? error.message : String(error);
  const at = text.indexOf(OUT_OF_PROC_LABEL);
  if (at < 0) {
    return {
      ok: false,
      message: text,
      details: error instanceof Error ? error.stack : undefined,
      customStatus: undefined,
    };
  }
  const state = JSON.parse(text.slice(at + OUT_OF_PROC_LABEL.length)) as OrchestratorState;
  return {
    ok: false,
    message: state.error ?? text.slice(0, at),
    details: error instanceof Error ? error.stack?.split(OUT_OF_PROC_LABEL)[0] : undefined,
    customStatus: state.customStatus,
  };
}
