import { EventType, historyEvent, type HistoryEvent } from "./history-events";
import { failureDetailsOf } from "./instance-lifecycle";

/**
 * The TaskCompleted / TaskFailed event for an activity outcome. Failures carry Reason and
 * Details (the classic payload) and FailureDetails, which the SDK turns into a TaskFailedError.
 */
export function activityOutcomeEvent(
  taskScheduledId: number,
  outcome: { ok: true; result: unknown } | { ok: false; error: unknown },
  now: Date,
): HistoryEvent {
  if (outcome.ok) {
    // The SDK JSON.parses Result unconditionally, so "no result" travels as null.
    return historyEvent(EventType.TaskCompleted, now, {
      TaskScheduledId: taskScheduledId,
      Result: JSON.stringify(outcome.result ?? null),
    });
  }
  const { message, details, errorType, properties } = describeError(outcome.error);
  return historyEvent(EventType.TaskFailed, now, {
    TaskScheduledId: taskScheduledId,
    Reason: message,
    Details: details ?? "",
    FailureDetails: { ...failureDetailsOf(message, details, errorType), Properties: properties },
  });
}

interface SerializedFailure {
  errorType?: string;
  errorMessage?: string;
  stackTrace?: string;
  properties?: Record<string, unknown>;
}

/** With an exception properties provider, the SDK's activity wrapper puts JSON in the message. */
function describeError(error: unknown): {
  message: string;
  details?: string;
  errorType: string;
  properties?: Record<string, unknown>;
} {
  const plain = error instanceof Error ? error : new Error(String(error));
  try {
    const parsed = JSON.parse(plain.message) as SerializedFailure;
    if (parsed && typeof parsed.errorMessage === "string") {
      return {
        message: parsed.errorMessage,
        details: parsed.stackTrace,
        errorType: parsed.errorType ?? plain.name,
        properties: parsed.properties,
      };
    }
  } catch {
    // an ordinary message
  }
  return { message: plain.message, details: plain.stack, errorType: plain.name };
}
