using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Schema;

/// <summary>
/// <c>GET /admin/schema/bindings</c>: where each field comes from, read from the compiled bindings of the
/// sample gateway-config (admin scope only).
/// </summary>
public sealed class FieldOriginsTests : IAsyncLifetime
{
    private GatewayFactory _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task Bindings_Customer_EachFieldWithItsSourceEndpointAndKey()
    {
        var customer = await FieldsOfAsync("Customer");

        Assert.Equal(new Origin("String!", "crm", "customersById, customerPage", "name"), customer["name"].Single());
        Assert.Equal(new Origin("BillingAccount", "erp", "accountsByCrmRef", "key: id"), customer["billing"].Single());

        // Joined through another fetched field: the invoices are looked up by the billing account's number.
        Assert.Equal(new Origin("[Invoice!]!", "erp", "invoicesByAccount", "key: billing.AccountNo"), customer["invoices"].Single());
        Assert.Equal(new Origin("[Ticket!]!", "helpdesk", "ticketsByOrganization", "key: support.id"), customer["tickets"].Single());
        Assert.Equal(new Origin("Shopper", "commerce", "customersByEmail", "key: primaryEmail"), customer["shopper"].Single());
    }

    [Fact]
    public async Task Bindings_TypeBuiltInlineInSeveralPlaces_EachOriginListed()
    {
        var money = await FieldsOfAsync("Money");

        Assert.Contains(new Origin("Decimal!", "erp", "accountsByCrmRef", "CreditLimit"), money["amount"]);
        Assert.Contains(new Origin("Decimal!", "commerce", "ordersByCustomer", "total_price"), money["amount"]);
    }

    [Fact]
    public async Task Bindings_Query_RootFirstWithItsLookups()
    {
        using var http = _gateway.CreateClient();
        var body = await http.GetFromJsonAsync<JsonElement>(new Uri("/admin/schema/bindings", UriKind.Relative));

        var root = body.GetProperty("types")[0];
        Assert.Equal("Query", root.GetProperty("name").GetString());
        var customer = root.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "customer");
        Assert.Equal("key: argument id", customer.GetProperty("from").GetString());
    }

    [Theory]
    [MemberData(nameof(AdminRefusals.CallersWithoutTheAdminScope), MemberType = typeof(AdminRefusals))]
    public async Task Bindings_CallerWithoutTheAdminScope_Refused(string? apiKey, HttpStatusCode expected)
    {
        using var http = apiKey is null ? DemoCallers.Unauthenticated(_gateway.CreateClient()) : DemoCallers.Authenticate(_gateway.CreateClient(), apiKey);

        using var response = await http.GetAsync(new Uri("/admin/schema/bindings", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("types", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<ILookup<string, Origin>> FieldsOfAsync(string typeName)
    {
        using var http = _gateway.CreateClient();
        var body = await http.GetFromJsonAsync<JsonElement>(new Uri("/admin/schema/bindings", UriKind.Relative));
        var type = body.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == typeName);
        return type.GetProperty("fields").EnumerateArray().ToLookup(
            field => field.GetProperty("name").GetString()!,
            field => new Origin(
                field.GetProperty("type").GetString()!,
                field.GetProperty("source").GetString()!,
                field.GetProperty("endpoint").GetString(),
                field.GetProperty("from").GetString()!));
    }

    private sealed record Origin(string Type, string Source, string? Endpoint, string From);
}
