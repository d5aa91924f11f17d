using Microsoft.Azure.WebJobs.Host.Config;

namespace WebJobsHost;

#pragma warning disable CS0618 // The Functions host implements this obsolete interface; the extension still asks it.
/// <summary>
/// The webhook base the extension writes into management URLs (createCheckStatusResponse). Nothing
/// listens there in this host: the SDK sends its calls to rpcBaseUrl, the extension's own listener.
/// </summary>
public sealed class LoopbackWebHookProvider(Uri baseUrl) : IWebHookProvider
{
    public Uri GetUrl(IExtensionConfigProvider extension) => baseUrl;
}
#pragma warning restore CS0618
