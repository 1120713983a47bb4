using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.Telemetry;

namespace CrmFederation.Gateway.Tests.Operations;

/// <summary>
/// Liveness and readiness: ready as long as a valid config is loaded; a source whose circuit is open,
/// that failed every call of the last ten seconds, or that failed at least half of at least five calls
/// in the last minute makes the gateway Degraded (still 200, still serving the other sources' fields),
/// with that source named.
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
    public async Task Ready_ErpFailingEveryCallOfOneQuery_200DegradedNamingErp()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = gateway.CreateClient();
        await fixture.ErpDownAsync();

        // One query, one ERP call (the account; no account, no invoices), and it fails.
        await gateway.QueryAsync(Billing, new { id = fixture.CustomersWithAnErpAccount().First() }, http);
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

    [Fact]
    public async Task Ready_ErpFailedOnceThenAnsweredAgain_Healthy()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = gateway.CreateClient();
        var customers = fixture.CustomersWithAnErpAccount().Take(2).ToList();
        await fixture.ErpDownAsync();
        await gateway.QueryAsync(Billing, new { id = customers[0] }, http);
        await fixture.ResetAsync();

        await gateway.QueryAsync(Billing, new { id = customers[1] }, http);
        var (_, body) = await GetAsync(http, "/health/ready");

        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
