using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// The in-memory cache (no Redis), proven by counting: every upstream call is counted by the sample
/// system that served it, so "answered from the cache" means "no call was made".
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class MemoryCacheTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RepeatedQuery_SecondTime_NoUpstreamCall()
    {
        await using var gateway = fixture.StartGateway();
        var customer = fixture.Customers.FullyLinked(0);

        var first = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        var afterFirst = await fixture.CallsAsync();
        var second = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        var afterSecond = await fixture.CallsAsync();

        Assert.Equal(
            """
            GET /admin/api/2025-01/customers.json=1
            GET /admin/api/2025-01/orders.json=1
            GET /api/v2/organizations/show_many=1
            GET /api/v2/tickets=1
            GET /crm/v3/contacts=1
            GET /crm/v3/customers=1
            GET /erp/odata/Accounts=1
            GET /erp/odata/Invoices=1
            POST /oauth/token=1
            """,
            afterFirst.ToString());
        Assert.Equal(afterFirst.ToString(), afterSecond.ToString());
        Assert.Equal(customer.Customer.Name, first.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(first.GetRawText(), second.GetRawText());
    }

    [Fact]
    public async Task OtherFieldsOfTheSameEntity_AskedLater_AnsweredFromTheCachedItems()
    {
        await using var gateway = fixture.StartGateway();
        var customer = fixture.Customers.FullyLinked(1);

        var legal = await gateway.Client.DataAsync("query($id: ID!) { customer(id: $id) { billing { legalName } } }", new { id = customer.Id });
        var credit = await gateway.Client.DataAsync("query($id: ID!) { customer(id: $id) { name billing { creditStatus paymentTerms } } }", new { id = customer.Id });

        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls[UpstreamCalls.ErpAccounts]);
        Assert.Equal(1, calls[UpstreamCalls.CrmCustomers]);
        Assert.Equal(customer.Account.Name, legal.GetProperty("customer").GetProperty("billing").GetProperty("legalName").GetString());
        var billing = credit.GetProperty("customer").GetProperty("billing");
        Assert.Equal(customer.Account.CreditStatus, billing.GetProperty("creditStatus").GetString());
        Assert.Equal(customer.Account.PaymentTerms, billing.GetProperty("paymentTerms").GetString());
        Assert.Equal(customer.Customer.Name, credit.GetProperty("customer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task CustomersByIds_FortyOfFiftyCached_FetchesOnlyTheTenMissingInOneCall()
    {
        await using var gateway = fixture.StartGateway();
        var ids = fixture.Customers.Ids(skip: 200, count: 50);

        // Every fifth id is left out of the first query, so the missing ten are spread through the batch.
        var cached = ids.Where((_, i) => i % 5 != 0).ToList();
        var missing = ids.Where((_, i) => i % 5 == 0).ToList();
        await gateway.Client.DataAsync("query($ids: [ID!]!) { customersByIds(ids: $ids) { id } }", new { ids = cached });
        await fixture.ResetAsync();
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);

        var data = await gateway.Client.DataAsync("query($ids: [ID!]!) { customersByIds(ids: $ids) { id name } }", new { ids });

        Assert.Equal(ids, data.GetProperty("customersByIds").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(1, (await fixture.CallsAsync())[UpstreamCalls.CrmCustomers]);
        var call = Assert.Single(crm.KeysSent("/crm/v3/customers", "ids"));
        Assert.Equal(missing.Order(StringComparer.Ordinal), call.Order(StringComparer.Ordinal));
        var names = fixture.Customers.Data.CrmCustomers.Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id, c => c.Name);
        Assert.All(data.GetProperty("customersByIds").EnumerateArray(), c =>
            Assert.Equal(names[c.GetProperty("id").GetString()!], c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task CacheDisabled_RepeatedQuery_CallsTheSourcesEveryTime()
    {
        await using var gateway = fixture.StartGateway([new("Gateway:Cache:Enabled", "false")]);
        var customer = fixture.Customers.FullyLinked(2);

        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        var calls = await fixture.CallsAsync();
        Assert.All(
            new[]
            {
                UpstreamCalls.CrmCustomers, UpstreamCalls.CrmContacts, UpstreamCalls.ErpAccounts, UpstreamCalls.ErpInvoices,
                UpstreamCalls.HelpdeskOrganizations, UpstreamCalls.HelpdeskTickets, UpstreamCalls.CommerceCustomers, UpstreamCalls.CommerceOrders,
            },
            route => Assert.True(calls[route] == 2, $"{route} was called {calls[route]} times, expected 2:\n{calls}"));
    }

    [Fact]
    public async Task NotFound_ProspectWithoutErpAccount_CachedSoTheSecondQueryMakesNoErpCall()
    {
        await using var gateway = fixture.StartGateway();
        var prospect = fixture.Customers.Prospect(0);
        const string Query = "query($id: ID!) { customer(id: $id) { id billing { accountNumber } invoices { number } } }";

        var first = await gateway.Client.DataAsync(Query, new { id = prospect.Id });
        var second = await gateway.Client.DataAsync(Query, new { id = prospect.Id });

        Assert.Equal(JsonValueKind.Null, first.GetProperty("customer").GetProperty("billing").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("customer").GetProperty("billing").ValueKind);
        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls[UpstreamCalls.ErpAccounts]);
        Assert.Equal(0, calls[UpstreamCalls.ErpInvoices]);
        Assert.Equal(1, calls[UpstreamCalls.CrmCustomers]);
    }

    [Fact]
    public async Task NotFound_UnknownCustomerId_CachedSoTheSecondQueryMakesNoCrmCall()
    {
        await using var gateway = fixture.StartGateway();
        const string Query = """{ customer(id: "C-999999") { id name } }""";

        var first = await gateway.Client.DataAsync(Query);
        var second = await gateway.Client.DataAsync(Query);

        Assert.Equal(JsonValueKind.Null, first.GetProperty("customer").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("customer").ValueKind);
        Assert.Equal(1, (await fixture.CallsAsync())[UpstreamCalls.CrmCustomers]);
    }
}
