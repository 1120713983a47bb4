using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.EndToEnd;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems.Data;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// Each demo role's view of the customer-360 page under the sample policies.json: the fields a role may
/// not see are null (non-null lists empty) with a FORBIDDEN error at exactly their paths, and every other
/// field is what the admin sees, which Customer360Tests checks against the sample systems' data.
/// </summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class RoleViewTests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    private const int PageSize = 20;

    private SampleDataSet Data => fixture.Systems.Data;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customer360_Admin_EveryFieldAnsweredWithoutErrors()
    {
        var result = await Customer360Async(DemoApiKeys.Admin);

        Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        var nodes = Nodes(result);
        Assert.Equal(PageSize, nodes.Count);
        Assert.Contains(nodes, node => node.GetProperty("billing").ValueKind == JsonValueKind.Object);
        Assert.Contains(nodes, node => node.GetProperty("shopper").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task Customer360_Agent_NoBillingOrInvoicesEverythingElseAsTheAdminSeesIt()
    {
        var admin = Nodes(await Customer360Async(DemoApiKeys.Admin));

        var result = await Customer360Async(DemoApiKeys.Agent);

        var nodes = Nodes(result);
        for (var i = 0; i < nodes.Count; i++)
        {
            Assert.Equal(JsonValueKind.Null, nodes[i].GetProperty("billing").ValueKind);
            Assert.Equal(0, nodes[i].GetProperty("invoices").GetArrayLength());
            AssertSameExcept(admin[i], nodes[i], "billing", "invoices");
            Assert.Equal(Crm(nodes[i]).PrimaryEmail, nodes[i].GetProperty("primaryEmail").GetString());
            Assert.Equal(ContactEmails(Crm(nodes[i])), nodes[i].GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("email").GetString()!).Order());
        }

        Assert.Equal(
            Expected(nodes.Count, ("billing", "The field 'Customer.billing' needs the scope 'finance'.", false), ("invoices", "The field 'Customer.invoices' needs the scope 'finance'.", true)),
            Forbidden(result));
    }

    [Fact]
    public async Task Customer360_Analyst_NoEmailsContactsOrShopperEverythingElseAsTheAdminSeesIt()
    {
        var admin = Nodes(await Customer360Async(DemoApiKeys.Admin));

        var result = await Customer360Async(DemoApiKeys.Analyst);

        var nodes = Nodes(result);
        for (var i = 0; i < nodes.Count; i++)
        {
            Assert.Equal(JsonValueKind.Null, nodes[i].GetProperty("primaryEmail").ValueKind);
            Assert.Equal(0, nodes[i].GetProperty("contacts").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, nodes[i].GetProperty("shopper").ValueKind);
            AssertSameExcept(admin[i], nodes[i], "primaryEmail", "contacts", "shopper");
            Assert.Equal(AccountOf(Crm(nodes[i]))?.AccountNo, nodes[i].GetProperty("billing") is { ValueKind: JsonValueKind.Object } billing ? billing.GetProperty("accountNumber").GetString() : null);
        }

        Assert.Contains(nodes, node => node.GetProperty("orders").GetArrayLength() > 0);
        Assert.Equal(
            Expected(
                nodes.Count,
                ("primaryEmail", "The field 'Customer.primaryEmail' needs the scope 'pii'.", false),
                ("contacts", "The field 'Customer.contacts' needs the scope 'pii'.", true),
                ("shopper", "The field 'Customer.shopper' needs the scope 'pii'.", false)),
            Forbidden(result));
    }

    [Fact]
    public async Task OneCustomer_Analyst_PhoneAndOwnerEmailForbiddenTooProfileAnswered()
    {
        var crm = Data.CrmCustomers.First(c => c.Phone is not null);

        var result = await fixture.ClientFor(DemoApiKeys.Analyst).QueryAsync(Customer360Queries.OneCustomer, new { id = crm.Id });

        var customer = result.GetProperty("data").GetProperty("customer");
        Assert.Equal(crm.Name, customer.GetProperty("name").GetString());
        Assert.Equal(crm.Country, customer.GetProperty("country").GetString());
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("ownerEmail").ValueKind);
        Assert.Equal(
            ["customer.contacts", "customer.ownerEmail", "customer.phone", "customer.primaryEmail", "customer.shopper"],
            GraphQLErrors.ForbiddenPaths(result));
    }

    [Fact]
    public async Task Contacts_Analyst_CrmContactsNeverCalled()
    {
        var result = await fixture.ClientFor(DemoApiKeys.Analyst).QueryAsync("{ customers(first: 10) { nodes { id contacts { email } } } }");

        Assert.Equal(10, Forbidden(result).Count);
        var calls = await fixture.CallsAsync();
        Assert.False(calls.ContainsKey("GET /crm/v3/contacts"), string.Join(", ", calls.Keys));
        Assert.Equal(1, calls["GET /crm/v3/customers"]);
    }

    [Fact]
    public async Task Billing_Agent_ErpNeverCalled()
    {
        var result = await fixture.ClientFor(DemoApiKeys.Agent).QueryAsync(
            "{ customers(first: 10) { nodes { id billing { accountNumber } invoices { number } tickets { id } } } }");

        Assert.Equal(20, Forbidden(result).Count);
        var calls = await fixture.CallsAsync();
        Assert.DoesNotContain(calls.Keys, route => route.Contains("/erp/", StringComparison.Ordinal));
        Assert.True(calls.ContainsKey("GET /api/v2/tickets"), string.Join(", ", calls.Keys));
    }

    [Fact]
    public async Task Orders_Analyst_AnsweredThroughTheShopperItMayNotSee()
    {
        var crm = Data.CrmCustomers.First(c => ShopperOf(c) is { } shopper && Data.CommerceOrders.Any(o => o.CustomerId == shopper.Id));

        var result = await fixture.ClientFor(DemoApiKeys.Analyst).QueryAsync(
            "query($id: ID!) { customer(id: $id) { shopper { id } orders(first: 3) { id } } }", new { id = crm.Id });

        var customer = result.GetProperty("data").GetProperty("customer");
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("shopper").ValueKind);
        Assert.NotEqual(0, customer.GetProperty("orders").GetArrayLength());
        Assert.Equal(["customer.shopper"], GraphQLErrors.ForbiddenPaths(result));
    }

    private Task<JsonElement> Customer360Async(string apiKey) =>
        fixture.ClientFor(apiKey).QueryAsync(Customer360Queries.Customer360, new { first = PageSize });

    private static List<JsonElement> Nodes(JsonElement result) =>
        result.GetProperty("data").GetProperty("customers").GetProperty("nodes").EnumerateArray().ToList();

    private static void AssertSameExcept(JsonElement expected, JsonElement actual, params string[] forbidden)
    {
        var expectedNode = JsonNode.Parse(expected.GetRawText())!.AsObject();
        var actualNode = JsonNode.Parse(actual.GetRawText())!.AsObject();
        foreach (var node in new[] { expectedNode, actualNode })
        {
            foreach (var field in forbidden)
            {
                node.Remove(field);
            }

            // Sources send a batch's items (contacts, invoices) in no set order; ordering is Customer360Tests' concern.
            foreach (var (name, value) in node.ToList())
            {
                if (value is JsonArray items)
                {
                    node[name] = new JsonArray(items.Select(item => item!.DeepClone()).OrderBy(item => (string?)(item["id"] ?? item["number"]), StringComparer.Ordinal).ToArray());
                }
            }
        }

        Assert.True(JsonNode.DeepEquals(expectedNode, actualNode), $"{expectedNode}\n!=\n{actualNode}");
    }

    /// <summary>Every FORBIDDEN error as (path, message, valueReplaced), sorted; other errors fail the test.</summary>
    private static List<(string Path, string Message, bool ValueReplaced)> Forbidden(JsonElement result)
    {
        var errors = result.TryGetProperty("errors", out var list) ? list.EnumerateArray().ToList() : [];
        Assert.All(errors, error => Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString()));
        return errors
            .Select(error => (
                Path: GraphQLErrors.PathOf(error),
                Message: error.GetProperty("message").GetString()!,
                ValueReplaced: error.GetProperty("extensions").TryGetProperty("valueReplaced", out var replaced) && replaced.GetBoolean()))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static List<(string Path, string Message, bool ValueReplaced)> Expected(int nodes, params (string Field, string Message, bool ValueReplaced)[] fields) =>
        Enumerable.Range(0, nodes)
            .SelectMany(i => fields.Select(f => (Path: $"customers.nodes.{i}.{f.Field}", f.Message, f.ValueReplaced)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();

    private CrmCustomer Crm(JsonElement node) => Data.CrmCustomers.Single(c => c.Id == node.GetProperty("id").GetString());

    private IOrderedEnumerable<string> ContactEmails(CrmCustomer customer) =>
        Data.CrmContacts.Where(c => c.CustomerId == customer.Id).Select(c => c.Email).Order(StringComparer.Ordinal);

    private ErpAccount? AccountOf(CrmCustomer customer) => Data.ErpAccounts.FirstOrDefault(a => a.CrmRef == customer.Id);

    private CommerceCustomer? ShopperOf(CrmCustomer customer) =>
        Data.CommerceCustomers.FirstOrDefault(s => string.Equals(s.Email, customer.PrimaryEmail, StringComparison.OrdinalIgnoreCase));
}
