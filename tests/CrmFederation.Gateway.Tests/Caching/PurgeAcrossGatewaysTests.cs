using System.Net.Http.Json;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>A purge sent to one of three gateway processes sharing Redis evicts the entry on all three.</summary>
[Collection(ThreeGatewaysCollection.Name)]
public sealed class PurgeAcrossGatewaysTests(ThreeGatewaysFixture fixture)
{
    private const string Customer = "query($id: ID!) { customer(id: $id) { id name } }";

    /// <summary>
    /// Once purged, the next query on each gateway calls the CRM. The CRM answers after a second, so
    /// the three queries, sent together, each miss before any of them has cached the answer again.
    /// </summary>
    [Fact]
    public async Task PurgeOnOneGateway_NextQueryOnEachCallsTheSource()
    {
        var customer = new { id = "C-000035" };
        await fixture.ResetAsync();
        foreach (var gateway in fixture.Gateways)
        {
            await ThreeGatewaysFixture.QueryAsync(gateway, Customer, customer);
        }

        await fixture.ResetAsync();
        foreach (var gateway in fixture.Gateways)
        {
            await ThreeGatewaysFixture.QueryAsync(gateway, Customer, customer);
        }

        var whileCached = await fixture.CallsAsync(fixture.Systems.CrmBaseUrl);
        using (var http = fixture.Gateways[0].CreateClient())
        {
            using var purged = await http.PostAsJsonAsync(new Uri("/admin/cache/purge", UriKind.Relative), new { customerId = customer.id });
            purged.EnsureSuccessStatusCode();
        }

        // The other gateways hear of it over Redis pub/sub.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await fixture.SetFaultsAsync(fixture.Systems.CrmBaseUrl, new { latencyMs = 1000 });
        var answers = await Task.WhenAll(fixture.Gateways.Select(gateway => ThreeGatewaysFixture.QueryAsync(gateway, Customer, customer)));
        var afterPurge = await fixture.CallsAsync(fixture.Systems.CrmBaseUrl);

        Assert.Equal(0, whileCached[UpstreamCalls.CrmCustomers]);
        Assert.Equal(3, afterPurge[UpstreamCalls.CrmCustomers]);
        Assert.All(answers, answer => Assert.Equal(customer.id, answer.GetProperty("data").GetProperty("customer").GetProperty("id").GetString()));
    }
}
