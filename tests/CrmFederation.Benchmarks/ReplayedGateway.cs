using System.Text;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Sources;
using CrmFederation.SampleSystems;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Benchmarks;

/// <summary>
/// The gateway in-process with the sample systems' answers to a scenario's requests recorded once and then
/// replayed from memory (the systems stopped), so what a request costs from then on is the gateway's alone.
/// </summary>
public sealed class ReplayedGateway : IAsyncDisposable
{
    private const int DistinctRequests = 32;

    private readonly UpstreamRecorder _recorder;
    private readonly WebApplicationFactory<Program> _gateway;
    private readonly HttpClient _client;
    private int _next;

    private ReplayedGateway(UpstreamRecorder recorder, WebApplicationFactory<Program> gateway, HttpClient client, IReadOnlyList<string> bodies)
    {
        _recorder = recorder;
        _gateway = gateway;
        _client = client;
        Bodies = bodies;
    }

    /// <summary>The scenario's distinct request bodies, sent in turn by <see cref="SendNextAsync"/>.</summary>
    public IReadOnlyList<string> Bodies { get; }

    /// <summary>Records the answers to the scenario's requests (twice with the item cache on, so its entries are warm), then replays them.</summary>
    public static async Task<ReplayedGateway> StartAsync(string scenario, bool cache)
    {
        await using var systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });
        var recorder = new UpstreamRecorder(UpstreamConnectionPool.CreateSocketsHandler());
        var gateway = new Factory(DemoMode.Variables(systems), recorder, cache);
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, DemoApiKeys.Admin);
        var bodies = (await RequestBodies.ForAsync(client, scenario)).Take(DistinctRequests).ToList();
        var replayed = new ReplayedGateway(recorder, gateway, client, bodies);
        foreach (var body in bodies)
        {
            await replayed.SendAsync(body);
        }

        recorder.Replaying = true;
        return replayed;
    }

    /// <summary>The next distinct request; the answer's length in bytes.</summary>
    public Task<int> SendNextAsync() => SendAsync(Bodies[Interlocked.Increment(ref _next) % Bodies.Count]);

    /// <summary>The answer's bytes; an answer that is not 200 or has errors throws.</summary>
    public async Task<byte[]> AnswerAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode || bytes.AsSpan().IndexOf("\"errors\""u8) >= 0)
        {
            throw new InvalidOperationException($"The gateway answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)[..Math.Min(bytes.Length, 500)]}");
        }

        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        _recorder.Dispose();
    }

    private async Task<int> SendAsync(string body) => (await AnswerAsync(body)).Length;

    private sealed class Factory(IEnumerable<KeyValuePair<string, string?>> variables, UpstreamRecorder recorder, bool cache) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            [
                .. variables,
                new("Gateway:Cache:Enabled", cache ? "true" : "false"),
                new("Logging:LogLevel:Default", "Warning"),
            ]));
            builder.ConfigureServices(services => services.AddSingleton(new UpstreamConnectionPool(recorder)));
        }
    }
}
