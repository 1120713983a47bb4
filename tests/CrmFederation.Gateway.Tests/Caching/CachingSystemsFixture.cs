using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// The four sample systems for the caching tests, and gateways started per test in front of them,
/// each with a cold cache. Unlike <see cref="SampleSystemsFixture"/> (one shared gateway, cache off),
/// a cache test needs a gateway of its own, and the systems run on <see cref="UpstreamClock"/>: a
/// <c>latencyMs</c> fault then holds every upstream answer until the test advances that clock, which
/// makes "a call is in flight" a state the test controls instead of a race it hopes to win.
/// Calls are counted by the systems themselves (<c>/_sim/stats</c>).
/// </summary>
public class CachingSystemsFixture : IAsyncLifetime
{
    private readonly HttpClient _sim = new();

    public RunningSampleSystems Systems { get; private set; } = null!;

    public SampleCustomers Customers { get; private set; } = null!;

    /// <summary>The sample systems' clock: latency faults wait on it.</summary>
    public FakeTimeProvider UpstreamClock { get; } = new(DateTimeOffset.UtcNow);

    public IEnumerable<Uri> BaseUrls => [Systems.CrmBaseUrl, Systems.ErpBaseUrl, Systems.HelpdeskBaseUrl, Systems.CommerceBaseUrl];

    public virtual async Task InitializeAsync()
    {
        Systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions
        {
            CrmPort = 0,
            ErpPort = 0,
            HelpdeskPort = 0,
            CommercePort = 0,
            CustomerCount = 2_000,
            TimeProvider = UpstreamClock,
        });
        Customers = new SampleCustomers(Systems.Data);
    }

    public virtual async Task DisposeAsync()
    {
        if (Systems is not null)
        {
            await Systems.DisposeAsync();
        }

        _sim.Dispose();
    }

    /// <summary>
    /// A new gateway with a cold cache, for the caller to dispose: the sample systems' URLs and
    /// credentials, the repository's gateway-config (or <paramref name="configPath"/>), the cache on,
    /// then this fixture's <see cref="CacheSettings"/>, then <paramref name="settings"/>
    /// (later values win).
    /// </summary>
    public CacheGateway StartGateway(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string? configPath = null,
        TimeProvider? cacheClock = null)
    {
        var all = TestGatewayVariables.For(Systems, configPath)
            .Append(new("Gateway:ConfigPath", configPath ?? RepositoryPaths.GatewayConfig))
            .Append(new("Gateway:Cache:Enabled", "true"))
            .Concat(CacheSettings())
            .Concat(settings ?? []);
        return new CacheGateway(all, cacheClock);
    }

    /// <summary>Cache settings every gateway of this fixture gets (none: memory only).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> CacheSettings() => [];

    /// <summary>Restores every system's defaults (no faults) and zeroes its call counters.</summary>
    public async Task ResetAsync()
    {
        foreach (var baseUrl in BaseUrls)
        {
            using var response = await _sim.PostAsync(new Uri(baseUrl, "/_sim/reset"), null);
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task SetFaultsAsync(Uri system, object faults)
    {
        using var response = await _sim.PostAsJsonAsync(new Uri(system, "/_sim/faults"), faults);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetFaultsEverywhereAsync(object faults)
    {
        foreach (var baseUrl in BaseUrls)
        {
            await SetFaultsAsync(baseUrl, faults);
        }
    }

    /// <summary>Waits until each route has been called (with a latency fault, its answer is then held until the test advances <see cref="UpstreamClock"/>).</summary>
    public async Task WaitForCallsAsync(params string[] routes)
    {
        using var guard = new CancellationTokenSource(EndpointMeasurements.HangGuard);
        while (true)
        {
            var calls = await CallsAsync();
            if (routes.All(route => calls[route] > 0))
            {
                return;
            }

            Assert.False(guard.IsCancellationRequested, $"Expected calls to {string.Join(", ", routes)}; saw:\n{calls}");
            await Task.Delay(10);
        }
    }

    /// <summary>Calls per route ("GET /erp/odata/Accounts") across all four systems since the last reset; unused routes are absent.</summary>
    public async Task<UpstreamCalls> CallsAsync()
    {
        var calls = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var baseUrl in BaseUrls)
        {
            var stats = await _sim.GetFromJsonAsync<JsonElement>(new Uri(baseUrl, "/_sim/stats"));
            foreach (var route in stats.GetProperty("routes").EnumerateObject())
            {
                if (route.Value.GetInt32() > 0)
                {
                    calls[route.Name] = calls.GetValueOrDefault(route.Name) + route.Value.GetInt32();
                }
            }
        }

        return new UpstreamCalls(calls);
    }
}

[CollectionDefinition(Name)]
public sealed class CachingCollection : ICollectionFixture<CachingSystemsFixture>
{
    public const string Name = "Caching over the sample systems";
}
