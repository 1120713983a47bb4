using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
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
/// One GraphQL request through the whole gateway in-process (HTTP pipeline, document cache,
/// DataLoader, upstream JSON, result writing), with the sample systems' answers replayed from
/// memory: time and allocations per request that belong to the gateway alone. Each invocation asks
/// for a different page (or customer), as in the load benchmark.
/// </summary>
[Config(typeof(InProcessConfig))]
public class GatewayRequestBenchmarks
{
    private const int DistinctRequests = 32;

    private RunningSampleSystems? _systems;
    private UpstreamRecorder? _recorder;
    private WebApplicationFactory<Program>? _gateway;
    private HttpClient? _client;
    private List<string> _bodies = [];
    private int _next;

    [Params("customer360", "customer-by-id")]
    public string Scenario { get; set; } = "customer360";

    [GlobalSetup]
    public async Task StartAsync()
    {
        _systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });
        _recorder = new UpstreamRecorder(UpstreamConnectionPool.CreateSocketsHandler());
        _gateway = new ReplayingGateway(DemoMode.Variables(_systems), _recorder);
        _client = _gateway.CreateClient();
        _client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, DemoApiKeys.Admin);
        _bodies = (await RequestBodies.ForAsync(_client, Scenario)).Take(DistinctRequests).ToList();
        foreach (var body in _bodies)
        {
            await SendAsync(body);
        }

        _recorder.Replaying = true;
        await _systems.DisposeAsync();
        _systems = null;
    }

    [Benchmark]
    public Task<int> Request() => SendAsync(_bodies[_next++ % _bodies.Count]);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        _recorder?.Dispose();
        if (_systems is not null)
        {
            await _systems.DisposeAsync();
        }
    }

    private async Task<int> SendAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client!.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode || bytes.AsSpan().IndexOf("\"errors\""u8) >= 0)
        {
            throw new InvalidOperationException($"The gateway answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)[..Math.Min(bytes.Length, 500)]}");
        }

        return bytes.Length;
    }

    /// <summary>In-process (the gateway is hosted by the benchmark itself), 3 warm-up and 10 measured iterations.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }

    private sealed class ReplayingGateway(IEnumerable<KeyValuePair<string, string?>> variables, UpstreamRecorder recorder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            [
                .. variables,
                new("Gateway:Cache:Enabled", "false"),
                new("Logging:LogLevel:Default", "Warning"),
            ]));
            builder.ConfigureServices(services => services.AddSingleton(new UpstreamConnectionPool(recorder)));
        }
    }
}
