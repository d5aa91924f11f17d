using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebJobsHost;

// A WebJobs host that runs the real Durable Task extension for a Node app whose handlers live in
// another process (the "worker"). See README.md for the protocol and the sources it follows.
var settings = HostSettings.FromEnvironment();
using var worker = new WorkerClient(settings.WorkerUrl);
var manifest = await worker.GetManifestAsync();
var functionsType = FunctionEmitter.Emit(manifest);

var host = new HostBuilder()
    .UseEnvironment("Development")
    .ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = settings.StorageConnectionString,
    }))
    .ConfigureWebJobs(webJobs =>
    {
        webJobs.AddDurableTask(options => DurableSettings.Apply(options, settings));
    })
    .ConfigureLogging(logging =>
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.SetMinimumLevel(settings.LogLevel);
    })
    .ConfigureServices(services =>
    {
        services.AddSingleton<ITypeLocator>(new FixedTypeLocator(functionsType, typeof(ClientBindingProbe)));
#pragma warning disable CS0618 // IWebHookProvider is what the Functions host gives the extension for its webhook URLs.
        services.AddSingleton<Microsoft.Azure.WebJobs.Host.Config.IWebHookProvider>(new LoopbackWebHookProvider(settings.WebhookBaseUrl));
#pragma warning restore CS0618
    })
    .Build();

Dispatch.Worker = worker;
// Resolving the extension constructs it (and its durability provider) before anything is dispatched.
DurableSettings.ApplyTimerLimits(host.Services, settings);
await host.StartAsync();

var jobHost = host.Services.GetRequiredService<IJobHost>();
await jobHost.CallAsync(nameof(ClientBindingProbe.DescribeClient));
await worker.ReadyAsync(ClientBindingProbe.Binding ?? throw new InvalidOperationException("The durable client binding was not produced."));

await host.WaitForShutdownAsync();
