using Microsoft.Extensions.Logging;

namespace WebJobsHost;

/// <summary>What the launcher passes in the environment; every value is checked here, once.</summary>
public sealed record HostSettings(
    string StorageConnectionString,
    Uri WorkerUrl,
    string HubName,
    Uri WebhookBaseUrl,
    TimeSpan? MaximumShortTimer,
    TimeSpan? LongTimerChunk,
    TimeSpan MaxQueuePollingInterval,
    LogLevel LogLevel)
{
    public static HostSettings FromEnvironment()
    {
        var runtime = Environment.GetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME");
        if (runtime != "node")
        {
            // The extension picks its out-of-process protocol from this variable (DefaultPlatformInformation):
            // "node" selects the JSON orchestrator shim and the local HTTP client API this host exists to run.
            throw new InvalidOperationException($"FUNCTIONS_WORKER_RUNTIME must be 'node', not '{runtime}'.");
        }

        return new HostSettings(
            StorageConnectionString: Required("AzureWebJobsStorage"),
            WorkerUrl: new Uri(Required("WEBJOBS_WORKER_URL")),
            HubName: Required("DURABLE_HUB_NAME"),
            WebhookBaseUrl: new Uri(Environment.GetEnvironmentVariable("DURABLE_WEBHOOK_BASE_URL")
                ?? "http://127.0.0.1:7071/runtime/webhooks/durabletask"),
            MaximumShortTimer: OptionalTimeSpan("DURABLE_MAXIMUM_SHORT_TIMER"),
            LongTimerChunk: OptionalTimeSpan("DURABLE_LONG_TIMER_CHUNK"),
            MaxQueuePollingInterval: OptionalTimeSpan("DURABLE_MAX_QUEUE_POLLING_INTERVAL") ?? TimeSpan.FromSeconds(30),
            LogLevel: Enum.Parse<LogLevel>(Environment.GetEnvironmentVariable("WEBJOBS_LOG_LEVEL") ?? "Warning", ignoreCase: true));
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {name} is required.");

    private static TimeSpan? OptionalTimeSpan(string name)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text)) return null;
        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{name} must be a positive TimeSpan like 00:00:05, not '{text}'.");
    }
}
