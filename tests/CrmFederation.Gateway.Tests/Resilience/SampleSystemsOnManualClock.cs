using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// The four sample systems on a frozen <see cref="ManualClock"/>, and the real gateway (on real time,
/// item cache off) in front of them. On the frozen clock a system's simulated latency holds each
/// request until the test moves the clock (it never does here, so a "slow" system is a held one),
/// and a system's rate limit never refills. Separate from the shared sample-systems fixture because
/// that one runs its systems on the real clock and its gateway's breakers are shared with other tests.
/// </summary>
public sealed class SampleSystemsOnManualClock : IAsyncLifetime
{
    private GatewayFactory? _gateway;
    private SimulationKnobs _knobs = null!;

    public ManualClock Clock { get; } = new();

    public RunningSampleSystems Systems { get; private set; } = null!;

    public GraphQLClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions
        {
            CrmPort = 0,
            ErpPort = 0,
            HelpdeskPort = 0,
            CommercePort = 0,
            TimeProvider = Clock,
        });
        _knobs = new SimulationKnobs(Systems);
        _gateway = new GatewayFactory(TestGatewayVariables.For(Systems)
            .Append(new("Gateway:ConfigPath", RepositoryPaths.GatewayConfig))
            .Append(new("Gateway:Cache:Enabled", "false")));
        Client = new GraphQLClient(_gateway.CreateClient());
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await Systems.DisposeAsync();
        _knobs?.Dispose();
    }

    /// <summary>Every system back to its defaults (no faults, a fresh rate limiter) with its call counters at zero.</summary>
    public Task ResetAsync() => _knobs.ResetAsync();

    public Task SetFaultsAsync(Uri system, object faults) => _knobs.SetFaultsAsync(system, faults);

    /// <summary>Calls per route of one system since the last reset ("GET /api/v2/tickets" → 3), routes never called included.</summary>
    public Task<Dictionary<string, int>> CallsAsync(Uri system) => _knobs.CallsAsync(system);
}
