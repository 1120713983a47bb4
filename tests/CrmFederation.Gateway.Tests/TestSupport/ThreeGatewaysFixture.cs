using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// Three gateway processes, as three machines would run them, sharing one <c>redis-server</c> (cache,
/// purges, rate limits) in front of one set of sample systems, in which the helpdesk's outbound rate
/// limit is <see cref="HelpdeskQuota"/> calls a second. Every process is killed on dispose.
/// </summary>
public sealed class ThreeGatewaysFixture : IAsyncLifetime
{
    public const int HelpdeskQuota = 5;

    /// <summary>
    /// The sample config with the helpdesk's quota and no queue for it (a call over the quota is refused
    /// at once, so clients keep asking for more), and CRM calls neither retried nor cut short by a busy
    /// machine, so that each cache miss is exactly one CRM call.
    /// </summary>
    private readonly ConfigSandbox _config = ConfigSandbox.CopyOfSample()
        .EditJson("sources/helpdesk.json", helpdesk => helpdesk["resilience"] = new JsonObject { ["rateLimitPerSecond"] = HelpdeskQuota, ["queueLimit"] = 0 })
        .EditJson("sources/crm.json", crm =>
        {
            crm["timeoutMs"] = 30_000;
            crm["resilience"] = new JsonObject { ["attemptTimeoutMs"] = 30_000, ["retry"] = new JsonObject { ["maxRetries"] = 0 } };
        });

    private RedisServer? _redis;
    private SimulationKnobs? _knobs;
    private GatewayProcess[] _gateways = [];

    public RunningSampleSystems Systems { get; private set; } = null!;

    public IReadOnlyList<GatewayProcess> Gateways => _gateways;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });
        _knobs = new SimulationKnobs(Systems);
        var variables = TestGatewayVariables.For(Systems, _config.Directory)
            .Append(new("Gateway__Cache__RedisConnectionString", _redis.ConnectionString))
            .Append(new("Gateway__Cache__EncryptionKey", CacheGateway.NewEncryptionKey()))
            .Append(new("Logging__LogLevel__Default", "Warning"))
            .ToList();
        var starting = Enumerable.Range(0, 3).Select(_ => GatewayProcess.StartAsync(["--Gateway:ConfigPath=" + _config.Directory], variables)).ToList();
        try
        {
            _gateways = await Task.WhenAll(starting);
        }
        catch
        {
            // The ones that started are killed with the rest of the fixture.
            _gateways = starting.Where(start => start.IsCompletedSuccessfully).Select(start => start.Result).ToArray();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        if (Systems is not null)
        {
            await Systems.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _knobs?.Dispose();
        _config.Dispose();
    }

    /// <summary>Restores every system's defaults and zeroes its call counters.</summary>
    public Task ResetAsync() => _knobs!.ResetAsync();

    public Task SetFaultsAsync(Uri system, object faults) => _knobs!.SetFaultsAsync(system, faults);

    /// <summary>The calls <paramref name="system"/> counted itself since its last reset, by route.</summary>
    public async Task<UpstreamCalls> CallsAsync(Uri system) => new(await _knobs!.CallsAsync(system));

    /// <summary>Posts a GraphQL query to <paramref name="gateway"/> as the demo admin; the answer may carry errors.</summary>
    public static async Task<JsonElement> QueryAsync(GatewayProcess gateway, string query, object variables)
    {
        using var http = gateway.CreateClient(timeout: TimeSpan.FromSeconds(60));
        using var response = await http.PostAsJsonAsync(new Uri("/graphql", UriKind.Relative), new { query, variables });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

[CollectionDefinition(Name)]
public sealed class ThreeGatewaysCollection : ICollectionFixture<ThreeGatewaysFixture>
{
    public const string Name = "Three gateway processes sharing Redis";
}
