import type { WireRetryOptions } from "./actions";
import type { HistoryEvent } from "./history-events";

export type RuntimeStatus =
  "Pending" | "Running" | "Completed" | "ContinuedAsNew" | "Failed" | "Terminated" | "Suspended";

export const TERMINAL_STATUSES: readonly RuntimeStatus[] = ["Completed", "Failed", "Terminated"];

export function isTerminal(status: RuntimeStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * What the host tracks per leaf action, mirroring the extension's own tasks so it assigns the
 * same sequence ids as the SDK (retries and long timers take new ids as they progress).
 */
export type HostTask =
  | { kind: "activity"; name: string; id: number; done: boolean }
  | {
      kind: "activityRetry" | "subOrchestrationRetry";
      name: string;
      ids: number[];
      currentId: number;
      timerId?: number;
      failedAttempts: number;
      firstAttemptAt: string;
      retry: WireRetryOptions;
      input?: unknown;
      childInstanceId?: string;
      state: "running" | "waitingTimer" | "done";
    }
  | { kind: "timer"; id: number; fireAt: string; done: boolean }
  | { kind: "longTimer"; ids: number[]; currentId: number; finalFireAt: string; done: boolean }
  | { kind: "subOrchestration"; name: string; id: number; childInstanceId: string; done: boolean }
  | { kind: "event"; name: string }
  | { kind: "continueAsNew" };

/** A message waiting to be applied to the history (one per episode), or a control operation. */
export interface InboxMessage {
  seq: number;
  visibleAt: string;
  executionId: string;
  kind: "event" | "terminate" | "suspend" | "resume";
  event?: HistoryEvent;
  reason?: string;
}

/** An activity the orchestrator scheduled whose result is not yet in the inbox. */
export interface PendingActivity {
  seq: number;
  executionId: string;
  taskScheduledId: number;
  name: string;
  input: unknown;
}

export interface ParentRef {
  instanceId: string;
  executionId: string;
  taskScheduledId: number;
}

export interface InstanceState {
  instanceId: string;
  executionId: string;
  name: string;
  status: RuntimeStatus;
  /** JSON text, as the extension stores payloads. */
  input?: string;
  output?: string;
  customStatus?: string;
  failure?: { message: string; details?: string };
  createdTime: string;
  lastUpdatedTime: string;
  parent?: ParentRef;
  history: HistoryEvent[];
  inbox: InboxMessage[];
  activities: PendingActivity[];
  hostTasks: HostTask[];
  nextSequenceId: number;
}

export function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  return JSON.parse(text) as unknown;
}

export function toJson(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
