using System.Text;

namespace CrmFederation.SampleSystems.Tests.Erp;

/// <summary>PATCHes, on systems of their own so the shared systems keep the generated data.</summary>
public sealed class ErpAccountPatchTests(MutableSystemsFixture fixture) : IClassFixture<MutableSystemsFixture>
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Patch_TermsAndPartOfTheAddress_MergesAndPersists()
    {
        var before = _systems.Data.ErpAccounts[5];
        var terms = before.PaymentTerms == "NET60" ? "NET15" : "NET60";

        var (status, patched) = await PatchAsync(before.AccountNo, $$"""{"PaymentTerms":"{{terms}}","BillingAddress":{"City":"Lyon","Country":"FR"} }""");
        var (_, fetched) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?crmRefs={before.CrmRef}");

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var account in new[] { patched, fetched.GetProperty("value")[0] })
        {
            Assert.Equal(terms, account.GetProperty("PaymentTerms").GetString());
            var address = account.GetProperty("BillingAddress");
            Assert.Equal("Lyon", address.GetProperty("City").GetString());
            Assert.Equal("FR", address.GetProperty("Country").GetString());
            Assert.Equal(before.BillingAddress.Street, address.GetProperty("Street").GetString());
            Assert.Equal(before.BillingAddress.PostalCode, address.GetProperty("PostalCode").GetString());
            Assert.Equal(before.Name, account.GetProperty("Name").GetString());
        }
    }

    [Fact]
    public async Task Patch_UnknownAccount_Returns404()
    {
        var (status, body) = await PatchAsync("999999999", """{"PaymentTerms":"NET30"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", body.Error());
    }

    [Theory]
    [InlineData("""{"PaymentTerms":"NET45"}""", "PaymentTerms")]
    [InlineData("""{"PaymentTerms":"net30"}""", "PaymentTerms")]
    [InlineData("""{"CreditLimit":1}""", "CreditLimit")]
    [InlineData("""{"paymentTerms":"NET30"}""", "paymentTerms")]
    [InlineData("""{"BillingAddress":"Main Street 1"}""", "BillingAddress")]
    [InlineData("""{"BillingAddress":null}""", "BillingAddress")]
    [InlineData("""{"BillingAddress":{"Zip":"12345"}}""", "BillingAddress.Zip")]
    [InlineData("""{"BillingAddress":{"City":""}}""", "BillingAddress.City")]
    [InlineData("""{"BillingAddress":{"Country":"Germany"}}""", "BillingAddress.Country")]
    public async Task Patch_InvalidField_Returns422NamingTheField(string json, string field)
    {
        var (status, body) = await PatchAsync(_systems.Data.ErpAccounts[6].AccountNo, json);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("validation", body.Error());
        Assert.Equal(field, body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Patch_WithoutCredentials_Returns401()
    {
        using var content = new StringContent("""{"PaymentTerms":"NET30"}""", Encoding.UTF8, "application/json");
        using var response = await _systems.Anonymous.PatchAsync(
            new Uri(_systems.Running.ErpBaseUrl, $"/erp/odata/Accounts/{_systems.Data.ErpAccounts[7].AccountNo}"), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(string accountNo, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _systems.Erp.PatchAsync(new Uri($"/erp/odata/Accounts/{accountNo}", UriKind.Relative), content);
        return (response.StatusCode, await response.ReadJsonAsync());
    }
}
