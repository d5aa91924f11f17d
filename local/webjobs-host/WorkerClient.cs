using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebJobsHost;

/// <summary>The app's function names by kind, as the Node worker captured them from its registrations.</summary>
public sealed record Manifest(
    [property: JsonPropertyName("orchestrators")] string[] Orchestrators,
    [property: JsonPropertyName("activities")] string[] Activities);

/// <summary>What the worker answers for one invocation: a result (JSON text), or the error it threw.</summary>
public sealed record Invocation(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("result")] string? Result,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("stack")] string? Stack);

/// <summary>HTTP to the Node worker on loopback; it plays the Functions Node worker's part.</summary>
public sealed class WorkerClient : IDisposable
{
    private readonly HttpClient http;

    public WorkerClient(Uri baseUrl)
    {
        // No timeout: an activity may run as long as the test lets it (the Functions host's
        // functionTimeout is the app's business, not this host's).
        http = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<Manifest> GetManifestAsync() =>
        await http.GetFromJsonAsync<Manifest>("manifest") ?? throw new InvalidOperationException("The worker sent no manifest.");

    public async Task ReadyAsync(string clientBinding)
    {
        using var content = new StringContent(clientBinding, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("ready", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Blocking on purpose: the extension runs orchestrator code on DTFx's orchestration thread and
    /// waits on the result synchronously (TaskOrchestrationShim), so no await may leave that thread.
    /// </summary>
    public Invocation Invoke(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
        using var stream = response.Content.ReadAsStream();
        return JsonSerializer.Deserialize<Invocation>(stream) ?? throw new InvalidOperationException($"Empty answer from the worker for {path}.");
    }

    public async Task<Invocation> InvokeAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Invocation>() ?? throw new InvalidOperationException($"Empty answer from the worker for {path}.");
    }

    public void Dispose() => http.Dispose();
}
