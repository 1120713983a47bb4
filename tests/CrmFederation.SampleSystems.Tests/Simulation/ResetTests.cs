using System.Diagnostics;

namespace CrmFederation.SampleSystems.Tests.Simulation;

[Collection(SharedSystemsCollection.Name)]
public sealed class ResetTests(SharedSystemsFixture fixture) : IAsyncLifetime
{
    private readonly TestSystems _systems = fixture.Systems;

    public Task InitializeAsync() => _systems.ResetAsync();

    public Task DisposeAsync() => _systems.ResetAsync();

    [Fact]
    public async Task Reset_RestoresDefaultsAndZeroesStats()
    {
        var crm = _systems.Running.CrmBaseUrl;
        await _systems.SetFaultsAsync(crm, """{"down":true,"latencyMs":50,"jitterMs":5,"errorRate":0.5,"errorStatus":500,"rateLimitPerSecond":1}""");
        await _systems.Crm.FetchAsync("/crm/v3/customers/C-000001");

        using var reset = await _systems.Anonymous.PostAsync(new Uri(crm, "/_sim/reset"), null);
        var settings = await reset.ReadJsonAsync();
        var stats = await _systems.StatsAsync(crm);
        var (status, _) = await _systems.Crm.FetchAsync("/crm/v3/customers/C-000001");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, settings.GetProperty("latencyMs").GetInt32());
        Assert.Equal(0, settings.GetProperty("jitterMs").GetInt32());
        Assert.Equal(0, settings.GetProperty("errorRate").GetDouble());
        Assert.Equal(503, settings.GetProperty("errorStatus").GetInt32());
        Assert.False(settings.GetProperty("down").GetBoolean());
        Assert.Equal(0, settings.GetProperty("rateLimitPerSecond").GetDouble());
        Assert.Equal(0, stats.GetProperty("total").GetInt32());
        Assert.All(stats.GetProperty("routes").EnumerateObject(), r => Assert.Equal(0, r.Value.GetInt32()));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Reset_ReturnsToTheStartLatencyNotToZero()
    {
        await using var systems = await TestSystems.StartAsync(o =>
        {
            o.CustomerCount = 100;
            o.LatencyMs = 250;
        });
        await systems.SetFaultsAsync(systems.Running.ErpBaseUrl, """{"latencyMs":0}""");
        var fast = await TimeAsync(systems);

        await systems.ResetAsync();
        var slow = await TimeAsync(systems);
        var settings = await systems.Anonymous.GetJsonAsync(new Uri(systems.Running.ErpBaseUrl, "/_sim/faults"));

        Assert.True(slow >= TimeSpan.FromMilliseconds(240), $"answered after {slow}");
        Assert.True(fast < slow);
        Assert.Equal(250, settings.GetProperty("latencyMs").GetInt32());
    }

    private static async Task<TimeSpan> TimeAsync(TestSystems systems)
    {
        var clock = Stopwatch.StartNew();
        var (status, _) = await systems.Erp.FetchAsync("/erp/odata/Accounts?crmRefs=C-000001");
        Assert.Equal(HttpStatusCode.OK, status);
        return clock.Elapsed;
    }
}
