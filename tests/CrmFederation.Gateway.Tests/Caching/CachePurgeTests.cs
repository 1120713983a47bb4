using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// <c>POST /admin/cache/purge</c> evicts exactly what it names: a customer's entries from every
/// source, or one source's entries; for a caller without the admin scope it does nothing.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class CachePurgeTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    private const string Pair = """
        query($a: ID!, $b: ID!) {
          a: customer(id: $a) { id name contacts { email } billing { legalName } invoices { number } support { name } tickets { id } shopper { email } orders { id } }
          b: customer(id: $b) { id name contacts { email } billing { legalName } invoices { number } support { name } tickets { id } shopper { email } orders { id } }
        }
        """;

    private static readonly string[] DataRoutes =
    [
        UpstreamCalls.CrmCustomers, UpstreamCalls.CrmContacts, UpstreamCalls.ErpAccounts, UpstreamCalls.ErpInvoices,
        UpstreamCalls.HelpdeskOrganizations, UpstreamCalls.HelpdeskTickets, UpstreamCalls.CommerceCustomers, UpstreamCalls.CommerceOrders,
    ];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PurgeByCustomerId_EvictsEveryEntryOfThatCustomer_AndNothingElse()
    {
        await using var gateway = fixture.StartGateway();
        var (a, b) = (fixture.Customers.FullyLinked(8), fixture.Customers.FullyLinked(9));
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        using var purged = await gateway.PurgeAsync(new { customerId = a.Id });
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal("customer:" + a.Id, (await purged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purged").GetString());
        await fixture.ResetAsync();
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);
        var data = await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        // Every endpoint is called again, once, for customer a only.
        var calls = await fixture.CallsAsync();
        Assert.All(DataRoutes, route => Assert.True(calls[route] == 1, $"{route}: {calls[route]} calls, expected 1:\n{calls}"));
        Assert.Equal(a.Id, Assert.Single(Assert.Single(crm.KeysSent("/crm/v3/customers", "ids"))));
        Assert.Equal(a.Id, Assert.Single(Assert.Single(crm.KeysSent("/crm/v3/contacts", "customerIds"))));
        Assert.Equal(a.Account.Name, data.GetProperty("a").GetProperty("billing").GetProperty("legalName").GetString());
        Assert.Equal(b.Account.Name, data.GetProperty("b").GetProperty("billing").GetProperty("legalName").GetString());
    }

    [Fact]
    public async Task PurgeBySource_EvictsThatSourcesEntries_OtherSourcesStayCached()
    {
        await using var gateway = fixture.StartGateway();
        var (a, b) = (fixture.Customers.FullyLinked(10), fixture.Customers.FullyLinked(11));
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        using var purged = await gateway.PurgeAsync(new { source = "erp" });
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        Assert.Equal(
            """
            GET /erp/odata/Accounts=1
            GET /erp/odata/Invoices=1
            """,
            (await fixture.CallsAsync()).ToString());
    }

    [Theory]
    [MemberData(nameof(AdminRefusals.CallersWithoutTheAdminScope), MemberType = typeof(AdminRefusals))]
    public async Task Purge_CallerWithoutTheAdminScope_RefusedAndNothingEvicted(string? apiKey, HttpStatusCode expected)
    {
        await using var gateway = fixture.StartGateway();
        var customer = fixture.Customers.FullyLinked(12);
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        using var byCustomer = await gateway.PurgeAsync(new { customerId = customer.Id }, apiKey);
        using var bySource = await gateway.PurgeAsync(new { source = "crm" }, apiKey);
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        Assert.Equal(expected, byCustomer.StatusCode);
        Assert.Equal(expected, bySource.StatusCode);
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"source":"nope"}""")]
    [InlineData("""{"customerId":""}""")]
    [InlineData("""{"customerId":"{id}","source":"crm"}""")]
    [InlineData("""{"customer":"{id}"}""")]
    [InlineData("""not json {id}""")]
    public async Task Purge_BodyNamingNothingOrTwoThings_400AndNothingEvicted(string body)
    {
        await using var gateway = fixture.StartGateway();
        var customer = fixture.Customers.FullyLinked(14);
        await gateway.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/cache/purge")
        {
            Content = new StringContent(body.Replace("{id}", customer.Id, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await gateway.Http.SendAsync(request);
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await fixture.CallsAsync()).Data);
    }
}
