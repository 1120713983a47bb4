using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Filtering;

/// <summary>
/// Filters on what other systems hold (billing, invoices, tickets, shopper), checked by the gateway through
/// the request's batched lookups, compared with answers computed from the four systems' REST data. Call
/// counts prove the lookups are one batch per source endpoint per page of candidate rows, never one per row.
/// </summary>
[Collection(FilterCollection.Name)]
public sealed class CrossSourceFilterTests(FilterSystemsFixture fixture) : IAsyncLifetime
{
    private SampleRestData Rest => fixture.Rest;

    public async Task InitializeAsync()
    {
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customers_AnalystsExample_GermanEnterpriseWithAnOverdueInvoiceOver10000()
    {
        var where = new
        {
            country = new { eq = "DE" },
            segment = new { eq = "ENTERPRISE" },
            invoices = new { some = new { status = new { eq = "OVERDUE" }, amount = new { gt = 10000 } } },
        };

        var walk = await FilterWalk.RunAsync(fixture, where, apiKey: DemoApiKeys.Analyst);

        walk.ShouldBe(ByName(c => c.Country == "DE" && c.Segment == "Enterprise" && Rest.Invoices(c).Any(i => i.Status == "Overdue" && i.Amount > 10000)));
        var list = walk.Explanations[0].GetProperty("lists")[0];
        var lookup = Assert.Single(list.GetProperty("lookups").EnumerateArray());
        Assert.Equal("erp.invoicesByAccount", lookup.GetProperty("source").GetString());
        Assert.Equal("status=Overdue", lookup.GetProperty("parameters").GetString());
    }

    [Fact]
    public async Task Customers_BillingCreditStatusAndLimit_CheckedOnTheErpAccount()
    {
        var where = new { segment = new { eq = "MID_MARKET" }, billing = new { creditStatus = new { @in = new[] { "HOLD", "BLOCKED" } }, creditLimit = new { gte = 50000 } } };

        var walk = await FilterWalk.RunAsync(fixture, where);

        walk.ShouldBe(ByName(c => c.Segment == "MidMarket" && Rest.Account(c) is { CreditStatus: "HOLD" or "BLOCKED", CreditLimit: >= 50000 }));
    }

    [Fact]
    public async Task Customers_NotBilling_ProspectsWithoutAnErpAccount()
    {
        var walk = await FilterWalk.RunAsync(fixture, new { country = new { eq = "NL" }, not = new { billing = new { } } });

        walk.ShouldBe(ByName(c => c.Country == "NL" && Rest.Account(c) is null));
    }

    [Fact]
    public async Task Customers_InvoicesNone_NoOverdueInvoiceAtAll()
    {
        var walk = await FilterWalk.RunAsync(fixture, new { country = new { eq = "ES" }, invoices = new { none = new { status = new { eq = "OVERDUE" } } } });

        walk.ShouldBe(ByName(c => c.Country == "ES" && !Rest.Invoices(c).Any(i => i.Status == "Overdue")));
    }

    [Fact]
    public async Task Customers_TicketsSomeAndNone_CheckedOnTheHelpdesksTickets()
    {
        var some = await FilterWalk.RunAsync(fixture, new { country = new { eq = "FR" }, tickets = new { some = new { status = new { @in = new[] { "OPEN", "PENDING" } }, priority = new { eq = "URGENT" } } } });
        var none = await FilterWalk.RunAsync(fixture, new { country = new { eq = "IE" }, tickets = new { none = new { priority = new { @in = new[] { "HIGH", "URGENT" } } } } });

        some.ShouldBe(ByName(c => c.Country == "FR" && Rest.Tickets(c).Any(t => t.Status is "open" or "pending" && t.Priority == "urgent")));
        none.ShouldBe(ByName(c => c.Country == "IE" && !Rest.Tickets(c).Any(t => t.Priority is "high" or "urgent")));
    }

    [Fact]
    public async Task Customers_ShopperTotalSpent_CheckedOnTheCommerceCustomerFoundByEmail()
    {
        var walk = await FilterWalk.RunAsync(fixture, new { segment = new { eq = "SMB" }, shopper = new { totalSpent = new { gt = 5000 }, ordersCount = new { gte = 3 } } });

        walk.ShouldBe(ByName(c => c.Segment == "SMB" && Rest.Shopper(c) is { TotalSpent: > 5000, OrdersCount: >= 3 }));
    }

    [Fact]
    public async Task Customers_CrossSourceOr_EachPageOfCandidatesOneBatchPerLookupEndpoint()
    {
        var where = new { or = new object[] { new { billing = new { creditStatus = new { eq = "BLOCKED" } } }, new { tickets = new { some = new { priority = new { eq = "URGENT" } } } } } };

        var result = await fixture.PostAsync("query($where: CustomerWhere) { customers(first: 100, where: $where) { nodes { id } } }", new { where }, new { explain = true });

        var explain = result.GetProperty("extensions").GetProperty("explain").GetProperty("lists")[0];
        var pages = explain.GetProperty("sourcePages").GetInt32();
        var calls = await fixture.CallsAsync();
        Assert.Equal(pages, calls["GET /crm/v3/customers"]);
        Assert.Equal(pages * 2, calls["GET /erp/odata/Accounts"]);
        Assert.Equal(pages, calls["GET /api/v2/organizations/show_many"]);
        Assert.True(calls["GET /api/v2/tickets"] >= pages);
        var expected = ByName(c => Rest.Account(c) is { CreditStatus: "BLOCKED" } || Rest.Tickets(c).Any(t => t.Priority == "urgent")).Take(100);
        Assert.Equal(expected, result.GetProperty("data").GetProperty("customers").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Customers_FilterOnAFieldTheCallerMayNotRead_Forbidden()
    {
        var result = await fixture.PostAsync(FilterWalk.Query, new { first = 5, where = new { billing = new { creditStatus = new { eq = "HOLD" } } } }, apiKey: DemoApiKeys.Agent);

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("Customer.billing", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False((await fixture.CallsAsync()).ContainsKey("GET /erp/odata/Accounts"));
    }

    private List<string> ByName(Func<RestCustomer, bool> predicate) =>
        Rest.Customers.Where(predicate).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
}
