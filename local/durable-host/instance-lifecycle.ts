import { randomUUID } from "node:crypto";
import { EventType, historyEvent, type FailureDetailsPayload } from "./history-events";
import { toJson, type InstanceState, type ParentRef } from "./instance-state";

/**
 * State transitions of one instance that do not involve running the orchestrator. They only
 * touch the state object; the engine persists it and notifies parents.
 */

export function newExecutionId(): string {
  return randomUUID().replace(/-/g, "");
}

export function createInstance(options: {
  instanceId: string;
  name: string;
  inputJson: string | undefined;
  now: Date;
  seq: number;
  parent?: ParentRef;
}): InstanceState {
  const executionId = newExecutionId();
  const at = options.now.toISOString();
  return {
    instanceId: options.instanceId,
    executionId,
    name: options.name,
    status: "Pending",
    input: options.inputJson,
    createdTime: at,
    lastUpdatedTime: at,
    parent: options.parent,
    history: [],
    inbox: [
      {
        seq: options.seq,
        visibleAt: at,
        executionId,
        kind: "event",
        event: historyEvent(EventType.ExecutionStarted, options.now, {
          Name: options.name,
          Input: options.inputJson,
        }),
      },
    ],
    activities: [],
    hostTasks: [],
    nextSequenceId: 0,
  };
}

/** Messages for this execution can no longer matter once it has ended. */
function dropPendingWork(state: InstanceState): void {
  state.inbox = [];
}

export function markCompleted(state: InstanceState, output: unknown, now: Date): void {
  state.status = "Completed";
  state.output = toJson(output);
  state.lastUpdatedTime = now.toISOString();
  state.history.push(
    historyEvent(EventType.ExecutionCompleted, now, {
      OrchestrationStatus: "Completed",
      Result: state.output,
    }),
  );
  dropPendingWork(state);
}

export function failureDetailsOf(
  message: string,
  details?: string,
  errorType = "Error",
): FailureDetailsPayload {
  return { ErrorType: errorType, ErrorMessage: message, StackTrace: details, IsNonRetriable: false };
}

export function markFailed(
  state: InstanceState,
  message: string,
  details: string | undefined,
  now: Date,
): void {
  state.status = "Failed";
  state.failure = { message, details };
  state.output = JSON.stringify(`Orchestrator function '${state.name}' failed: ${message}`);
  state.lastUpdatedTime = now.toISOString();
  state.history.push(
    historyEvent(EventType.ExecutionCompleted, now, {
      OrchestrationStatus: "Failed",
      Result: message,
      FailureDetails: failureDetailsOf(message, details),
    }),
  );
  dropPendingWork(state);
}

export function markTerminated(state: InstanceState, reason: string, now: Date): void {
  state.status = "Terminated";
  state.output = JSON.stringify(reason);
  state.lastUpdatedTime = now.toISOString();
  state.history.push(historyEvent(EventType.ExecutionTerminated, now, { Input: JSON.stringify(reason) }));
  dropPendingWork(state);
}

/**
 * Same instance id, a new execution with a fresh history. Events already in the old history
 * and never consumed are gone with it; raised events still queued go to the new execution.
 */
export function continueAsNew(state: InstanceState, input: unknown, now: Date, seq: number): void {
  const executionId = newExecutionId();
  const inputJson = toJson(input);
  const queuedEvents = state.inbox.filter(
    (m) => m.kind !== "event" || m.event?.EventType === EventType.EventRaised,
  );
  for (const message of queuedEvents) message.executionId = executionId;
  state.executionId = executionId;
  state.input = inputJson;
  state.output = undefined;
  state.status = "ContinuedAsNew";
  state.lastUpdatedTime = now.toISOString();
  state.history = [];
  state.hostTasks = [];
  state.nextSequenceId = 0;
  state.inbox = [
    {
      seq,
      visibleAt: now.toISOString(),
      executionId,
      kind: "event",
      event: historyEvent(EventType.ExecutionStarted, now, { Name: state.name, Input: inputJson }),
    },
    ...queuedEvents,
  ];
}
