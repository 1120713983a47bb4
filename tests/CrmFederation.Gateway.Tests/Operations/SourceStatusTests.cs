using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Operations;

/// <summary>
/// <c>/status/sources</c>: for callers with the admin scope (401 without credentials, 403 without the scope), one entry per
/// source with its health, circuit, last minute's calls, error rate and latency, headroom and cache hit ratio.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class SourceStatusTests(ObservedSystemsFixture fixture) : IAsyncLifetime
{
    private const string OneCustomer = """
        query($id: ID!) { customer(id: $id) { id billing { accountNumber } invoices { number } support { id } shopper { id } } }
        """;

    private static readonly string[] Sources = ["commerce", "crm", "erp", "helpdesk"];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Theory]
    [MemberData(nameof(AdminRefusals.CallersWithoutTheAdminScope), MemberType = typeof(AdminRefusals))]
    public async Task SourceStatus_CallerWithoutTheAdminScope_RefusedWithoutStatus(string? apiKey, HttpStatusCode expected)
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = apiKey is null ? DemoCallers.Unauthenticated(gateway.CreateClient()) : DemoCallers.Authenticate(gateway.CreateClient(), apiKey);

        using var response = await http.GetAsync(new Uri("/status/sources", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("sources", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceStatus_AfterTheSameCustomerTwiceWithCache_EverySourceWithItsFigures()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: true);
        using var http = gateway.CreateClient();
        var id = fixture.CustomerInAllFourSystems().Id;
        await gateway.QueryAsync(OneCustomer, new { id }, http);
        await gateway.QueryAsync(OneCustomer, new { id }, http);

        var sources = await StatusAsync(http);

        Assert.Equal(Sources, sources.Keys.Order(StringComparer.Ordinal));
        Assert.All(sources.Values, source =>
        {
            Assert.Equal("healthy", source.GetProperty("health").GetString());
            Assert.Equal(JsonValueKind.Null, source.GetProperty("healthReason").ValueKind);
            Assert.Equal("closed", source.GetProperty("circuit").GetString());
            Assert.True(source.GetProperty("callsLastMinute").GetInt32() >= 1, source.ToString());
            Assert.Equal(0, source.GetProperty("errorRateLastMinute").GetDouble());
            Assert.True(source.GetProperty("meanLatencyMs").GetDouble() >= 0, source.ToString());
            Assert.Equal(64, source.GetProperty("concurrencyHeadroom").GetInt64());
            Assert.Equal(JsonValueKind.Null, source.GetProperty("rateLimitHeadroom").ValueKind);

            // Every key was looked up twice and fetched once.
            Assert.Equal(0.5, source.GetProperty("cacheHitRatio").GetDouble());
        });
        Assert.Equal(2, sources["erp"].GetProperty("callsLastMinute").GetInt32());
    }

    [Fact]
    public async Task SourceStatus_ErpDown_ErpFailingWithErrorRateOneOthersHealthy()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = gateway.CreateClient();
        await fixture.ErpDownAsync();
        foreach (var id in fixture.CustomersWithAnErpAccount().Take(2))
        {
            await gateway.QueryAsync("query($id: ID!) { customer(id: $id) { id billing { accountNumber } } }", new { id }, http);
        }

        var sources = await StatusAsync(http);

        Assert.Equal((2, 1.0), (sources["erp"].GetProperty("callsLastMinute").GetInt32(), sources["erp"].GetProperty("errorRateLastMinute").GetDouble()));
        Assert.Equal((2, 0.0), (sources["crm"].GetProperty("callsLastMinute").GetInt32(), sources["crm"].GetProperty("errorRateLastMinute").GetDouble()));
        Assert.Equal(0, sources["helpdesk"].GetProperty("callsLastMinute").GetInt32());
        Assert.Equal(JsonValueKind.Null, sources["erp"].GetProperty("cacheHitRatio").ValueKind);

        // Every call of the last seconds failed: the readiness check's rule, so the console and /health/ready agree.
        Assert.Equal("failing", sources["erp"].GetProperty("health").GetString());
        Assert.Contains("error rate 100", sources["erp"].GetProperty("healthReason").GetString(), StringComparison.Ordinal);
        Assert.All(new[] { "crm", "helpdesk", "commerce" }, name => Assert.Equal("healthy", sources[name].GetProperty("health").GetString()));
    }

    private static async Task<Dictionary<string, JsonElement>> StatusAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/status/sources", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s, StringComparer.Ordinal);
    }
}
