using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>A failing source takes down only the fields it answers; everything else still arrives.</summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class SourceFailureTests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    private const string Query = """
        query($id: ID!) {
          customer(id: $id) {
            id name
            billing { accountNumber }
            invoices { number }
            support { id }
            tickets { id }
            shopper { id }
          }
        }
        """;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task ErpDown_OnlyErpFieldsFail_WithSourceAndCode()
    {
        var data = fixture.Systems.Data;
        var id = data.ErpAccounts.Select(a => a.CrmRef).First(crmRef => data.HelpdeskOrganizations.Any(o => o.ExternalId == crmRef));
        await fixture.SetFaultsAsync(fixture.Systems.ErpBaseUrl, new { down = true, errorStatus = 503 });

        var result = await fixture.Client.QueryAsync(Query, new { id });

        var customer = result.GetProperty("data").GetProperty("customer");
        Assert.Equal(id, customer.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(customer.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("billing").ValueKind);
        Assert.Equal(0, customer.GetProperty("invoices").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, customer.GetProperty("support").ValueKind);

        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            var extensions = error.GetProperty("extensions");
            Assert.Equal("SOURCE_UNAVAILABLE", extensions.GetProperty("code").GetString());
            Assert.Equal("erp", extensions.GetProperty("source").GetString());
            Assert.Equal(503, extensions.GetProperty("httpStatus").GetInt32());
        });
        var paths = errors.Select(e => string.Join('.', e.GetProperty("path").EnumerateArray().Select(p => p.ToString()))).ToList();
        Assert.Contains("customer.billing", paths);
        var invoicesError = errors.Single(e => e.GetProperty("path")[1].GetString() == "invoices");
        Assert.True(invoicesError.GetProperty("extensions").GetProperty("valueReplaced").GetBoolean());
    }

    [Fact]
    public async Task CommerceFailing_ShopperNullOtherFieldsIntact()
    {
        var customer = fixture.Systems.Data.CrmCustomers.First(c => fixture.Systems.Data.CommerceCustomers.Any(s => s.Email == c.PrimaryEmail?.ToLowerInvariant()));
        await fixture.SetFaultsAsync(fixture.Systems.CommerceBaseUrl, new { errorRate = 1.0, errorStatus = 500 });

        var result = await fixture.Client.QueryAsync(Query, new { id = customer.Id });

        var answered = result.GetProperty("data").GetProperty("customer");
        Assert.Equal(JsonValueKind.Null, answered.GetProperty("shopper").ValueKind);
        Assert.Equal(customer.Name, answered.GetProperty("name").GetString());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("commerce", error.GetProperty("extensions").GetProperty("source").GetString());
    }
}
