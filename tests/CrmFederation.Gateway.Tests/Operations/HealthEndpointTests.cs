using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.Telemetry;

namespace CrmFederation.Gateway.Tests.Operations;

/// <summary>
/// Liveness and readiness: ready as long as a valid config is loaded; a source whose circuit is open
/// or that failed at least half of at least five calls in the last minute makes the gateway Degraded
/// (still 200, still serving the other sources' fields), with that source named.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class HealthEndpointTests(ObservedSystemsFixture fixture) : IAsyncLifetime
{
    private const string Billing = "query($id: ID!) { customer(id: $id) { id billing { accountNumber } } }";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Live_Started_200Healthy()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = gateway.CreateClient();

        var (status, body) = await GetAsync(http, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_EverySourceAnswering_200HealthyEachSourceOk()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = gateway.CreateClient();
        await gateway.QueryAsync(Billing, new { id = fixture.CustomersWithAnErpAccount().First() }, http);

        var (status, body) = await GetAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var check = Assert.Single(body.GetProperty("checks").EnumerateArray());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        var data = check.GetProperty("data");
        Assert.All(new[] { "crm", "erp", "helpdesk", "commerce" }, source => Assert.Equal("ok", data.GetProperty(source).GetString()));
    }

    [Fact]
    public async Task Ready_ErpFailingFourThenFiveCalls_HealthyThen200DegradedNamingErp()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = gateway.CreateClient();
        await fixture.ErpDownAsync();
        var customers = fixture.CustomersWithAnErpAccount().Take(5).ToList();

        // Each query makes exactly one ERP call (the account; no account, no invoices).
        foreach (var id in customers.Take(4))
        {
            await gateway.QueryAsync(Billing, new { id }, http);
        }

        var (_, fourFailures) = await GetAsync(http, "/health/ready");
        Assert.Equal("Healthy", fourFailures.GetProperty("status").GetString());

        await gateway.QueryAsync(Billing, new { id = customers[4] }, http);
        var (status, body) = await GetAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var check = Assert.Single(body.GetProperty("checks").EnumerateArray());
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("erp", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("crm", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        var data = check.GetProperty("data");
        Assert.StartsWith("failing", data.GetProperty("erp").GetString(), StringComparison.Ordinal);
        Assert.All(new[] { "crm", "helpdesk", "commerce" }, source => Assert.Equal("ok", data.GetProperty(source).GetString()));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
