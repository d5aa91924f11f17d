using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WebJobsHost;

/// <summary>
/// The bodies of the emitted functions: hand the trigger to the Node worker and give the extension
/// back what the Functions host would, from a Node worker's answer.
/// </summary>
public static class Dispatch
{
    public static WorkerClient? Worker { get; set; }

    private static WorkerClient RequireWorker() => Worker ?? throw new InvalidOperationException("Dispatch.Worker is not set.");

    /// <summary>
    /// [OrchestrationTrigger] string: the extension serialises the history and input into the JSON the
    /// Node SDK reads (OrchestrationTriggerAttributeBindingProvider.OrchestrationContextToString) and
    /// parses the returned JSON (OutOfProcOrchestrationShim). A throwing orchestrator reaches the
    /// extension as the Functions host's RpcException, whose message carries the SDK's state after
    /// "$OutOfProcData$:" (OutOfProcExceptionHelpers).
    /// </summary>
    public static string Orchestrator(string name, string context)
    {
        var answer = RequireWorker().Invoke($"orchestrator/{Uri.EscapeDataString(name)}", context);
        if (!answer.Ok) throw RpcFailure(answer);
        return answer.Result ?? throw new InvalidOperationException($"Orchestrator '{name}' returned no state.");
    }

    /// <summary>
    /// [ActivityTrigger] IDurableActivityContext: the input as the extension decodes it; the return value
    /// becomes the activity's output through the trigger's return binder (ActivityTriggerAttributeBindingProvider).
    /// </summary>
    public static async Task<object?> Activity(string name, IDurableActivityContext context)
    {
        var input = context.GetInput<JToken>();
        var body = input is null ? "null" : input.ToString(Formatting.None);
        var answer = await RequireWorker().InvokeAsync($"activity/{Uri.EscapeDataString(name)}", body);
        if (!answer.Ok) throw RpcFailure(answer);
        return answer.Result is null ? null : JToken.Parse(answer.Result);
    }

    /// <summary>The message format of the Functions host's RpcException (azure-functions-host Workers/Rpc).</summary>
    private static Exception RpcFailure(Invocation answer) =>
        new InvalidOperationException($"Result: Failure\nException: {answer.Message}\nStack: {answer.Stack}");
}
