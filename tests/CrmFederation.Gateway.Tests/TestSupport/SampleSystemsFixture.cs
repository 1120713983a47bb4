using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// The four sample systems on free ports and the real gateway in front of them, shared by a test
/// collection. Tests count upstream calls through the systems' own <c>/_sim/stats</c>, so the item
/// cache is off here (the caching tests have their own gateway).
/// </summary>
public class SampleSystemsFixture : IAsyncLifetime
{
    private readonly HttpClient _sim = new();
    private GatewayFactory? _gateway;

    public RunningSampleSystems Systems { get; private set; } = null!;

    public GraphQLClient Client { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IEnumerable<Uri> BaseUrls => [Systems.CrmBaseUrl, Systems.ErpBaseUrl, Systems.HelpdeskBaseUrl, Systems.CommerceBaseUrl];

    public async Task InitializeAsync()
    {
        Systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });
        _gateway = new GatewayFactory(DemoMode.Variables(Systems)
            .Append(new("Gateway:ConfigPath", RepositoryPaths.GatewayConfig))
            .Concat(GatewaySettings()));
        Http = _gateway.CreateClient();
        Client = new GraphQLClient(Http);
    }

    /// <summary>A client of the same gateway that sends <paramref name="apiKey"/> instead of the demo admin key.</summary>
    public GraphQLClient ClientFor(string apiKey) => new(DemoCallers.Authenticate(_gateway!.CreateClient(), apiKey));

    /// <summary>Settings for the gateway under test beyond the sample systems' URLs and credentials.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> GatewaySettings() => [new("Gateway:Cache:Enabled", "false")];

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await Systems.DisposeAsync();
        _sim.Dispose();
    }

    /// <summary>Restores every system's defaults and zeroes its call counters.</summary>
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

    /// <summary>Calls per route ("GET /erp/odata/Accounts") across all four systems since the last reset.</summary>
    public async Task<Dictionary<string, int>> CallsAsync()
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

        return calls;
    }
}

[CollectionDefinition(Name)]
public sealed class SampleSystemsCollection : ICollectionFixture<SampleSystemsFixture>
{
    public const string Name = "Gateway over the sample systems";
}
