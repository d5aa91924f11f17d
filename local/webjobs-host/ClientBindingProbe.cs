using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;

namespace WebJobsHost;

/// <summary>
/// Binds [DurableClient] to string, as the Functions host does for a Node client function, to get
/// the exact binding data (taskHubName, rpcBaseUrl, management URLs) that df.getClient() reads.
/// </summary>
public static class ClientBindingProbe
{
    public static string? Binding { get; private set; }

    [NoAutomaticTrigger]
    [FunctionName(nameof(DescribeClient))]
    public static void DescribeClient([DurableClient] string client) => Binding = client;
}
