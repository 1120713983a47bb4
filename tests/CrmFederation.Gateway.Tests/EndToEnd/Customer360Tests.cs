using System.Globalization;
using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems.Data;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>The unified customer view, checked field by field against the sample systems' own data.</summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class Customer360Tests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    private SampleDataSet Data => fixture.Systems.Data;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customer_PresentInAllFourSystems_EveryFieldFromItsSource()
    {
        var crm = Data.CrmCustomers.First(c => AccountOf(c) is not null && OrganizationOf(c) is not null && ShopperOf(c) is not null
            && c.PrimaryEmail!.Any(char.IsUpper) && TicketsOf(OrganizationOf(c)!).Count is > 0 and < 100);
        var account = AccountOf(crm)!;
        var organization = OrganizationOf(crm)!;
        var shopper = ShopperOf(crm)!;

        var customer = (await fixture.Client.DataAsync(Customer360Queries.OneCustomer, new { id = crm.Id })).GetProperty("customer");

        Assert.Equal(crm.Name, customer.GetProperty("name").GetString());
        Assert.Equal(SegmentNames[crm.Segment], customer.GetProperty("segment").GetString());
        Assert.Equal(crm.LifecycleStage.ToUpperInvariant(), customer.GetProperty("lifecycleStage").GetString());
        Assert.Equal(Utc(crm.CreatedAt), customer.GetProperty("createdAt").GetString());

        var billing = customer.GetProperty("billing");
        Assert.Equal(account.AccountNo, billing.GetProperty("accountNumber").GetString());
        Assert.Equal(account.Name, billing.GetProperty("legalName").GetString());
        Assert.Equal(account.CreditLimit, billing.GetProperty("creditLimit").GetProperty("amount").GetDecimal());
        Assert.Equal(account.Currency, billing.GetProperty("creditLimit").GetProperty("currency").GetString());
        Assert.Equal(account.BillingAddress.City, billing.GetProperty("billingAddress").GetProperty("city").GetString());
        Assert.Equal(
            Data.ErpInvoices.Where(i => i.AccountNo == account.AccountNo).Select(i => i.InvoiceNo).Order(),
            customer.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("number").GetString()).Order());

        Assert.Equal(organization.Id.ToString(CultureInfo.InvariantCulture), customer.GetProperty("support").GetProperty("id").GetString());
        Assert.Equal(TicketsOf(organization).Count, customer.GetProperty("tickets").GetArrayLength());

        // The CRM spells the e-mail with capitals; commerce stores it lower-cased. The shopper is found anyway.
        Assert.Equal(shopper.Email, customer.GetProperty("shopper").GetProperty("email").GetString());
        Assert.Equal(shopper.TotalSpent, customer.GetProperty("shopper").GetProperty("totalSpent").GetProperty("amount").GetDecimal());
        var expectedOrders = Data.CommerceOrders.Where(o => o.CustomerId == shopper.Id).OrderByDescending(o => o.CreatedAt).ToList();
        var orders = customer.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(expectedOrders.Select(o => o.Name), orders.Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(Utc(expectedOrders[0].CreatedAt), orders[0].GetProperty("createdAt").GetString());
        Assert.Equal(expectedOrders[0].TotalPrice, orders[0].GetProperty("totalPrice").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Customer_Prospect_NoBillingNoInvoicesAndNoErpInvoiceCall()
    {
        var prospect = Data.CrmCustomers.First(c => AccountOf(c) is null);

        var customer = (await fixture.Client.DataAsync(
            "query($id: ID!) { customer(id: $id) { id billing { accountNumber } invoices { number } } }", new { id = prospect.Id })).GetProperty("customer");

        Assert.Equal(JsonValueKind.Null, customer.GetProperty("billing").ValueKind);
        Assert.Equal(0, customer.GetProperty("invoices").GetArrayLength());
        Assert.False((await fixture.CallsAsync()).ContainsKey("GET /erp/odata/Invoices"));
    }

    [Fact]
    public async Task Tickets_OrganizationWithMoreThanOnePage_EveryPageFollowed()
    {
        var organization = Data.HelpdeskOrganizations.First(o => TicketsOf(o).Count > 100);

        var customer = (await fixture.Client.DataAsync(
            "query($id: ID!) { customer(id: $id) { tickets { id } } }", new { id = organization.ExternalId })).GetProperty("customer");

        Assert.Equal(
            TicketsOf(organization).Select(t => t.Id.ToString(CultureInfo.InvariantCulture)).Order(),
            customer.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order());
        Assert.True((await fixture.CallsAsync())["GET /api/v2/tickets"] >= 2);
    }

    [Fact]
    public async Task Tickets_StatusFilter_OnlyThoseStatuses()
    {
        var organization = Data.HelpdeskOrganizations.First(o => TicketsOf(o).Select(t => t.Status).Distinct().Count() >= 3);
        string[] wanted = ["open", "pending"];

        var customer = (await fixture.Client.DataAsync(
            "query($id: ID!) { customer(id: $id) { tickets(status: [OPEN, PENDING]) { id status } } }", new { id = organization.ExternalId })).GetProperty("customer");

        var tickets = customer.GetProperty("tickets").EnumerateArray().ToList();
        Assert.Equal(TicketsOf(organization).Count(t => wanted.Contains(t.Status)), tickets.Count);
        Assert.All(tickets, t => Assert.Contains(t.GetProperty("status").GetString(), new[] { "OPEN", "PENDING" }));
    }

    [Fact]
    public async Task Orders_FirstFive_AreEachCustomersNewestFive()
    {
        var data = await fixture.Client.DataAsync(
            "{ customers(first: 50) { nodes { id primaryEmail orders(first: 5) { id createdAt } } } }");

        var checkedShoppers = 0;
        foreach (var node in data.GetProperty("customers").GetProperty("nodes").EnumerateArray())
        {
            var email = node.GetProperty("primaryEmail").GetString();
            var shopper = Data.CommerceCustomers.FirstOrDefault(s => string.Equals(s.Email, email, StringComparison.OrdinalIgnoreCase));
            var expected = shopper is null
                ? []
                : Data.CommerceOrders.Where(o => o.CustomerId == shopper.Id).OrderByDescending(o => o.CreatedAt).Take(5)
                    .Select(o => o.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(expected, node.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
            checkedShoppers += shopper is null ? 0 : 1;
        }

        Assert.True(checkedShoppers > 10, "the page should hold shoppers with orders");
    }

    [Fact]
    public async Task Customers_PagedWithFilterAndSort_MatchesTheCrm()
    {
        var expected = Data.CrmCustomers.Where(c => c.Segment == "Enterprise").OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var connection = (await fixture.Client.DataAsync(
                "query($after: String) { customers(first: 25, segment: ENTERPRISE, orderBy: NAME_ASC, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id segment } } }",
                new { after })).GetProperty("customers");
            Assert.Equal(expected.Count, connection.GetProperty("totalCount").GetInt32());
            Assert.True(connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
            seen.AddRange(connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!));
            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(expected.Take(75).Select(c => c.Id), seen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Customers_FirstOutOfRange_ClearErrorAndNoCall(int first)
    {
        var result = await fixture.Client.QueryAsync("query($first: Int!) { customers(first: $first) { totalCount } }", new { first });

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Contains("between 1 and 100", error.GetProperty("message").GetString());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Empty(await fixture.CallsAsync());
    }

    [Theory]
    [InlineData("C-000001,C-000002")]
    [InlineData("")]
    [InlineData("C-000001\n")]
    public async Task Customer_KeyThatCannotBeSentFaithfully_NullWithoutAnUpstreamCall(string id)
    {
        var data = await fixture.Client.DataAsync("query($id: ID!) { customer(id: $id) { id } }", new { id });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("customer").ValueKind);
        Assert.Empty(await fixture.CallsAsync());
    }

    [Fact]
    public async Task Customer_KeyWithQuerySyntax_StaysOneOpaqueKey()
    {
        var data = await fixture.Client.DataAsync("query($id: ID!) { customer(id: $id) { id } }", new { id = "C-999999&ids=C-000001" });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("customer").ValueKind);
    }

    private static readonly Dictionary<string, string> SegmentNames = new() { ["SMB"] = "SMB", ["MidMarket"] = "MID_MARKET", ["Enterprise"] = "ENTERPRISE" };

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private ErpAccount? AccountOf(CrmCustomer customer) => Data.ErpAccounts.FirstOrDefault(a => a.CrmRef == customer.Id);

    private HelpdeskOrganization? OrganizationOf(CrmCustomer customer) => Data.HelpdeskOrganizations.FirstOrDefault(o => o.ExternalId == customer.Id);

    private CommerceCustomer? ShopperOf(CrmCustomer customer) =>
        Data.CommerceCustomers.FirstOrDefault(s => string.Equals(s.Email, customer.PrimaryEmail, StringComparison.OrdinalIgnoreCase));

    private List<HelpdeskTicket> TicketsOf(HelpdeskOrganization organization) => Data.HelpdeskTickets.Where(t => t.OrganizationId == organization.Id).ToList();
}
