using System.Globalization;
using System.Text.Json;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// Isolation through the whole gateway, in front of the real sample systems: one failing, slow or
/// rate-limiting system fails only the fields it answers, and a query that does not need it neither
/// calls it nor waits for it. Proof is by the systems' own call counters, not by timing.
/// </summary>
public sealed class SourceIsolationTests(SampleSystemsOnManualClock fixture) : IClassFixture<SampleSystemsOnManualClock>, IAsyncLifetime
{
    private const string AllFourSystems = """
        query($id: ID!) {
          customer(id: $id) {
            id name contacts { id }
            billing { accountNumber } invoices { number }
            support { id } tickets { id }
            shopper { id } orders { id }
          }
        }
        """;

    private const string WithoutHelpdesk = """
        query($id: ID!) {
          customer(id: $id) {
            id name contacts { id }
            billing { accountNumber } invoices { number }
            shopper { id } orders { id }
          }
        }
        """;

    private const string OrganizationsRoute = "GET /api/v2/organizations/show_many";
    private const string TicketsRoute = "GET /api/v2/tickets";

    private readonly Customer360 _expected = Customer360.FindInAllFour(fixture.Systems.Data);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Query_ErpDown_OnlyBillingAndInvoicesFailAsUnavailable()
    {
        await fixture.SetFaultsAsync(fixture.Systems.ErpBaseUrl, new { down = true, errorStatus = 503 });

        var result = await fixture.Client.QueryAsync(AllFourSystems, new { id = _expected.Id });

        var customer = result.GetProperty("data").GetProperty("customer");
        AssertCrm(customer);
        AssertHelpdesk(customer);
        AssertCommerce(customer);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("billing").ValueKind);
        Assert.Equal(0, customer.GetProperty("invoices").GetArrayLength());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["customer.billing", "customer.invoices"], errors.Select(PathOf).Order(StringComparer.Ordinal));
        Assert.All(errors, error =>
        {
            var extensions = error.GetProperty("extensions");
            Assert.Equal("SOURCE_UNAVAILABLE", extensions.GetProperty("code").GetString());
            Assert.Equal("erp", extensions.GetProperty("source").GetString());
            Assert.Equal(503, extensions.GetProperty("httpStatus").GetInt32());
        });
        var erp = await fixture.CallsAsync(fixture.Systems.ErpBaseUrl);
        Assert.Equal(3, erp["GET /erp/odata/Accounts"]);
        Assert.Equal(0, erp["GET /erp/odata/Invoices"]);
    }

    [Fact]
    public async Task Query_SourceFailing_ErrorCarriesAttemptsAndCircuit()
    {
        await fixture.SetFaultsAsync(fixture.Systems.ErpBaseUrl, new { errorRate = 1.0, errorStatus = 500 });

        var result = await fixture.Client.QueryAsync(AllFourSystems, new { id = _expected.Id });

        var billing = result.GetProperty("errors").EnumerateArray().Single(error => PathOf(error) == "customer.billing");
        var extensions = billing.GetProperty("extensions");
        Assert.Equal("SOURCE_UNAVAILABLE", extensions.GetProperty("code").GetString());
        Assert.Equal(500, extensions.GetProperty("httpStatus").GetInt32());
        Assert.Equal(3, extensions.GetProperty("attempts").GetInt32());
        Assert.Equal("closed", extensions.GetProperty("circuit").GetString());
        Assert.Equal(3, (await fixture.CallsAsync(fixture.Systems.ErpBaseUrl))["GET /erp/odata/Accounts"]);
    }

    [Fact]
    public async Task Query_HelpdeskSlow_QueryWithoutHelpdeskFieldsNeitherCallsNorWaitsForIt()
    {
        var latency = TimeSpan.FromMilliseconds(1500);
        await fixture.SetFaultsAsync(fixture.Systems.HelpdeskBaseUrl, new { latencyMs = (int)latency.TotalMilliseconds });

        // On the frozen clock the helpdesk holds every request: wait until it holds the first query's.
        var helpdeskHolding = fixture.Clock.NextTimerAsync(due => due == latency);
        var touchingHelpdesk = fixture.Client.QueryAsync(AllFourSystems, new { id = _expected.Id });
        await helpdeskHolding;
        var calm = await fixture.Client.DataAsync(WithoutHelpdesk, new { id = _expected.Id });
        var held = await touchingHelpdesk;

        var calmCustomer = calm.GetProperty("customer");
        AssertCrm(calmCustomer);
        AssertErp(calmCustomer);
        AssertCommerce(calmCustomer);

        // The held query's helpdesk fields time out at the gateway's deadline; the rest is intact.
        var heldCustomer = held.GetProperty("data").GetProperty("customer");
        AssertCrm(heldCustomer);
        AssertErp(heldCustomer);
        AssertCommerce(heldCustomer);
        Assert.Equal(JsonValueKind.Null, heldCustomer.GetProperty("support").ValueKind);
        Assert.Equal(0, heldCustomer.GetProperty("tickets").GetArrayLength());
        var errors = held.GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, error =>
        {
            Assert.Equal("SOURCE_TIMEOUT", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("helpdesk", error.GetProperty("extensions").GetProperty("source").GetString());
        });
        var supportAttempts = errors.Single(error => PathOf(error) == "customer.support").GetProperty("extensions").GetProperty("attempts").GetInt32();

        // Every helpdesk call the helpdesk saw was one of the held query's attempts: none came from the calm query.
        var helpdesk = await fixture.CallsAsync(fixture.Systems.HelpdeskBaseUrl);
        Assert.InRange(helpdesk[OrganizationsRoute], 1, supportAttempts);
        Assert.Equal(0, helpdesk[TicketsRoute]);
    }

    [Fact]
    public async Task Query_HelpdeskRateLimiting_OnlyTicketsFailAsRateLimited()
    {
        // One request per second on a frozen clock: the organization lookup takes the only token, and every ticket call gets 429.
        await fixture.SetFaultsAsync(fixture.Systems.HelpdeskBaseUrl, new { rateLimitPerSecond = 1 });

        var result = await fixture.Client.QueryAsync(AllFourSystems, new { id = _expected.Id });

        var customer = result.GetProperty("data").GetProperty("customer");
        AssertCrm(customer);
        AssertErp(customer);
        AssertCommerce(customer);
        Assert.Equal(_expected.OrganizationId, customer.GetProperty("support").GetProperty("id").GetString());
        Assert.Equal(0, customer.GetProperty("tickets").GetArrayLength());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("customer.tickets", PathOf(error));
        var extensions = error.GetProperty("extensions");
        Assert.Equal("SOURCE_RATE_LIMITED", extensions.GetProperty("code").GetString());
        Assert.Equal("helpdesk", extensions.GetProperty("source").GetString());
        Assert.Equal(429, extensions.GetProperty("httpStatus").GetInt32());
        Assert.Equal(3, extensions.GetProperty("attempts").GetInt32());
        Assert.Equal("closed", extensions.GetProperty("circuit").GetString());
        Assert.True(extensions.GetProperty("valueReplaced").GetBoolean());
        var helpdesk = await fixture.CallsAsync(fixture.Systems.HelpdeskBaseUrl);
        Assert.Equal(1, helpdesk[OrganizationsRoute]);
        Assert.Equal(3, helpdesk[TicketsRoute]);
    }

    private static string PathOf(JsonElement error) =>
        string.Join('.', error.GetProperty("path").EnumerateArray().Select(segment => segment.ToString()));

    private static List<string?> Ids(JsonElement list, string property = "id") =>
        list.EnumerateArray().Select(item => item.GetProperty(property).GetString()).Order(StringComparer.Ordinal).ToList();

    private void AssertCrm(JsonElement customer)
    {
        Assert.Equal(_expected.Id, customer.GetProperty("id").GetString());
        Assert.Equal(_expected.Name, customer.GetProperty("name").GetString());
        Assert.Equal(_expected.ContactIds, Ids(customer.GetProperty("contacts")));
    }

    private void AssertErp(JsonElement customer)
    {
        Assert.Equal(_expected.AccountNumber, customer.GetProperty("billing").GetProperty("accountNumber").GetString());
        Assert.Equal(_expected.InvoiceNumbers, Ids(customer.GetProperty("invoices"), "number"));
    }

    private void AssertHelpdesk(JsonElement customer)
    {
        Assert.Equal(_expected.OrganizationId, customer.GetProperty("support").GetProperty("id").GetString());
        Assert.Equal(_expected.TicketIds, Ids(customer.GetProperty("tickets")));
    }

    private void AssertCommerce(JsonElement customer)
    {
        Assert.Equal(_expected.ShopperId, customer.GetProperty("shopper").GetProperty("id").GetString());
        Assert.Equal(_expected.OrderIds, Ids(customer.GetProperty("orders")));
    }

    /// <summary>What the four systems hold for one customer that has data in all of them.</summary>
    private sealed record Customer360(
        string Id,
        string Name,
        List<string?> ContactIds,
        string AccountNumber,
        List<string?> InvoiceNumbers,
        string OrganizationId,
        List<string?> TicketIds,
        string ShopperId,
        List<string?> OrderIds)
    {
        /// <summary>
        /// The first customer with contacts, an ERP account with invoices, a helpdesk organization with
        /// tickets (one page) and a shopper with orders (fewer than the default <c>orders(first: 20)</c>).
        /// </summary>
        public static Customer360 FindInAllFour(SampleSystems.Data.SampleDataSet data)
        {
            var contacts = data.CrmContacts.ToLookup(contact => contact.CustomerId);
            var accounts = data.ErpAccounts.ToDictionary(account => account.CrmRef);
            var invoices = data.ErpInvoices.ToLookup(invoice => invoice.AccountNo);
            var organizations = data.HelpdeskOrganizations.ToDictionary(organization => organization.ExternalId);
            var tickets = data.HelpdeskTickets.ToLookup(ticket => ticket.OrganizationId);
            var shoppers = data.CommerceCustomers.ToDictionary(shopper => shopper.Email, StringComparer.OrdinalIgnoreCase);
            var orders = data.CommerceOrders.ToLookup(order => order.CustomerId);

            foreach (var customer in data.CrmCustomers)
            {
                if (contacts[customer.Id].Any()
                    && accounts.TryGetValue(customer.Id, out var account) && invoices[account.AccountNo].Any()
                    && organizations.TryGetValue(customer.Id, out var organization) && tickets[organization.Id].Count() is > 0 and <= 100
                    && customer.PrimaryEmail is { } email && shoppers.TryGetValue(email, out var shopper)
                    && orders[shopper.Id].Count() is > 0 and < 20)
                {
                    return new Customer360(
                        customer.Id,
                        customer.Name,
                        Sorted(contacts[customer.Id].Select(contact => contact.Id)),
                        account.AccountNo,
                        Sorted(invoices[account.AccountNo].Select(invoice => invoice.InvoiceNo)),
                        Text(organization.Id),
                        Sorted(tickets[organization.Id].Select(ticket => Text(ticket.Id))),
                        Text(shopper.Id),
                        Sorted(orders[shopper.Id].Select(order => Text(order.Id))));
                }
            }

            throw new InvalidOperationException("The sample data has no customer present in all four systems.");
        }

        private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

        private static List<string?> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).Cast<string?>().ToList();
    }
}
