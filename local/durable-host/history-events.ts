/**
 * History events in the Durable Functions extension's wire format (PascalCase, numeric EventType,
 * ISO timestamps, JSON-string payloads). The SDK replays exactly these shapes, so the host writes
 * them verbatim and histories read the same as the ones the extension would show.
 */
export enum EventType {
  ExecutionStarted = 0,
  ExecutionCompleted = 1,
  ExecutionFailed = 2,
  ExecutionTerminated = 3,
  TaskScheduled = 4,
  TaskCompleted = 5,
  TaskFailed = 6,
  SubOrchestrationInstanceCreated = 7,
  SubOrchestrationInstanceCompleted = 8,
  SubOrchestrationInstanceFailed = 9,
  TimerCreated = 10,
  TimerFired = 11,
  OrchestratorStarted = 12,
  OrchestratorCompleted = 13,
  EventSent = 14,
  EventRaised = 15,
  ContinueAsNew = 16,
  ExecutionSuspended = 19,
  ExecutionResumed = 20,
}

export interface FailureDetailsPayload {
  ErrorType: string;
  ErrorMessage: string;
  StackTrace?: string;
  IsNonRetriable: boolean;
  Properties?: Record<string, unknown>;
}

/** One history event; optional fields depend on EventType (as in the extension's JSON). */
export interface HistoryEvent {
  EventType: EventType;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string;
  Result?: string;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  Reason?: string;
  Details?: string;
  FailureDetails?: FailureDetailsPayload;
  OrchestrationStatus?: string;
}

export function historyEvent(
  type: EventType,
  at: Date,
  fields: Partial<Omit<HistoryEvent, "EventType" | "Timestamp">> = {},
): HistoryEvent {
  return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: at.toISOString(), ...fields };
}

/** Event types that open a task at a sequence id (the ones the determinism check compares with). */
export const SCHEDULING_EVENT_TYPES: readonly EventType[] = [
  EventType.TaskScheduled,
  EventType.TimerCreated,
  EventType.SubOrchestrationInstanceCreated,
];

export function eventTypeName(type: EventType): string {
  return EventType[type] ?? `EventType ${String(type)}`;
}
