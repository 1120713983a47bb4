using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// How a failing source is reported depends on the caller: with the operator scope (the admin) the error
/// carries the HTTP status, the attempts and the circuit state; without it, the code and the source's name only.
/// </summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class ErrorDetailsTests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    private const string Query = "query($id: ID!) { customer(id: $id) { id name billing { accountNumber } invoices { number } } }";

    private string CustomerWithAccount => fixture.Systems.Data.ErpAccounts[0].CrmRef;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.SetFaultsAsync(fixture.Systems.ErpBaseUrl, new { down = true, errorStatus = 503 });
    }

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task ErpDown_Operator_SeesHttpStatusAttemptsAndCircuit()
    {
        var result = await fixture.ClientFor(DemoApiKeys.Admin).QueryAsync(Query, new { id = CustomerWithAccount });

        var billing = ErrorAt(result, "customer.billing");
        Assert.Equal("Source 'erp' is unavailable (HTTP 503).", billing.GetProperty("message").GetString());
        Assert.Equal(["attempts", "circuit", "code", "httpStatus", "source"], Keys(billing.GetProperty("extensions")));
        Assert.Equal(503, billing.GetProperty("extensions").GetProperty("httpStatus").GetInt32());
    }

    [Fact]
    public async Task ErpDown_CallerWithoutOperatorScope_CodeAndSourceOnly()
    {
        var result = await fixture.ClientFor(DemoApiKeys.Analyst).QueryAsync(Query, new { id = CustomerWithAccount });

        Assert.NotEqual(JsonValueKind.Null, result.GetProperty("data").GetProperty("customer").GetProperty("name").ValueKind);
        var billing = ErrorAt(result, "customer.billing");
        Assert.Equal("Source 'erp' is unavailable.", billing.GetProperty("message").GetString());
        Assert.Equal(["code", "source"], Keys(billing.GetProperty("extensions")));
        Assert.Equal("SOURCE_UNAVAILABLE", billing.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("erp", billing.GetProperty("extensions").GetProperty("source").GetString());
        var invoices = ErrorAt(result, "customer.invoices");
        Assert.Equal(["code", "source", "valueReplaced"], Keys(invoices.GetProperty("extensions")));
        Assert.DoesNotContain("503", result.GetProperty("errors").GetRawText(), StringComparison.Ordinal);
    }

    private static JsonElement ErrorAt(JsonElement result, string path) =>
        result.GetProperty("errors").EnumerateArray().Single(error => GraphQLErrors.PathOf(error) == path);

    private static List<string> Keys(JsonElement extensions) => extensions.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
}
