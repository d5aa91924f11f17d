import { EventType, historyEvent, type HistoryEvent } from "./history-events";

/**
 * The TaskCompleted / TaskFailed event for an activity outcome, as the extension records it for a
 * Node app (extension v3.x `TaskActivityShim.RunAsync`): the worker's failure reaches the host as
 * an RpcException "Result: Failure\nException: <message>\nStack: <stack>" (Functions host
 * `RpcException`; the Node worker sends `error.message`), `OutOfProcExceptionHelpers` keeps the
 * text between "\nException:" and "\nStack:" (leading space included), and the TaskFailed event
 * gets Reason "Activity function '<name>' failed: <that text>" and Details = the serialized
 * exception (`Utils.SerializeCause`). No FailureDetails: that payload belongs to the isolated
 * (gRPC) protocol. durable-functions 3.5.0 therefore surfaces a plain
 * `Error("<Reason> \n <Details>")` (`TaskOrchestrationExecutor.setTaskValue`), not a TaskFailedError.
 */
export function activityOutcomeEvent(
  taskScheduledId: number,
  name: string,
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
  const error = outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
  const rpcMessage = `Result: Failure\nException: ${error.message}\nStack: ${error.stack ?? ""}`;
  const friendly = rpcMessage.slice(
    rpcMessage.indexOf("\nException:") + "\nException:".length,
    rpcMessage.indexOf("\nStack:"),
  );
  return historyEvent(EventType.TaskFailed, now, {
    TaskScheduledId: taskScheduledId,
    Reason: `Activity function '${name}' failed: ${friendly}`,
    Details: JSON.stringify({
      $type: "System.Exception, System.Private.CoreLib",
      ClassName: "System.Exception",
      Message: friendly,
      InnerException: {
        $type: "Microsoft.Azure.WebJobs.Script.Workers.Rpc.RpcException, Microsoft.Azure.WebJobs.Script",
        ClassName: "Microsoft.Azure.WebJobs.Script.Workers.Rpc.RpcException",
        Message: rpcMessage,
        RemoteStackTrace: error.stack ?? "",
      },
    }),
  });
}
