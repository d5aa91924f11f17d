using System.Reflection;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.Extensions.DependencyInjection;

namespace WebJobsHost;

/// <summary>Extension options as host.json would set them, plus the provider's timer limits for tests.</summary>
public static class DurableSettings
{
    public static void Apply(DurableTaskOptions options, HostSettings settings)
    {
        options.HubName = settings.HubName;
        // One process owns the hub: the app-level blob lease only delays start-up here.
        options.UseAppLease = false;
        options.StorageProvider["connectionName"] = "AzureWebJobsStorage";
        options.StorageProvider["partitionCount"] = 1;
        options.StorageProvider["maxQueuePollingInterval"] = settings.MaxQueuePollingInterval.ToString("c");
    }

    /// <summary>
    /// MaximumDelayTime (6 days on Azure Storage) and LongRunningTimerIntervalLength (3 days) live on
    /// the durability provider, not in options (AzureStorageDurabilityProvider.cs). The extension copies
    /// both into every orchestrator payload, so the SDK and the extension's own chunking use the
    /// shortened values alike. Must run before the job host starts dispatching.
    /// </summary>
    public static void ApplyTimerLimits(IServiceProvider services, HostSettings settings)
    {
        if (settings.MaximumShortTimer is null && settings.LongTimerChunk is null) return;
        var extension = services.GetServices<IExtensionConfigProvider>().OfType<DurableTaskExtension>().Single();
        var provider = (DurabilityProvider)(typeof(DurableTaskExtension)
            .GetProperty("DefaultDurabilityProvider", BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(extension) ?? throw new InvalidOperationException("The extension has no durability provider."));
        if (settings.MaximumShortTimer is { } max) provider.MaximumDelayTime = max;
        if (settings.LongTimerChunk is { } chunk) provider.LongRunningTimerIntervalLength = chunk;
    }
}
