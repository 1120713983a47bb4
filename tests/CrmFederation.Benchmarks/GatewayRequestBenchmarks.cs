using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

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
    private ReplayedGateway? _gateway;

    [Params("customer360", "customer-by-id")]
    public string Scenario { get; set; } = "customer360";

    [GlobalSetup]
    public async Task StartAsync() => _gateway = await ReplayedGateway.StartAsync(Scenario, cache: false);

    [Benchmark]
    public Task<int> Request() => _gateway!.SendNextAsync();

    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
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
}
