using System.Net.Http.Headers;
using System.Text;

namespace CrmFederation.SampleSystems.Tests.Erp;

[Collection(SharedSystemsCollection.Name)]
public sealed class ErpAccountsTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Accounts_ByCrmRefs_ReturnsTheAccountsOfCustomersThatHaveOne()
    {
        var refs = Keys.CrmIds(1, 50);
        var expected = _systems.Data.ErpAccounts.Where(a => refs.Contains(a.CrmRef)).ToDictionary(a => a.CrmRef);

        var (status, body) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?crmRefs={Keys.Join(refs)}");
        var accounts = body.GetProperty("value").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["value"], body.PropertyNames());
        Assert.InRange(expected.Count, 40, 49);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), accounts.Select(a => a.GetProperty("CrmRef").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(accounts, account =>
        {
            var record = expected[account.GetProperty("CrmRef").GetString()!];
            Assert.Equal(
                ["AccountNo", "CrmRef", "Name", "CreditStatus", "CreditLimit", "PaymentTerms", "Currency", "BillingAddress"],
                account.PropertyNames());
            Assert.Equal(["Street", "City", "PostalCode", "Country"], account.GetProperty("BillingAddress").PropertyNames());
            Assert.Equal(record.AccountNo, account.GetProperty("AccountNo").GetString());
            Assert.Equal(record.Name, account.GetProperty("Name").GetString());
            Assert.Equal(JsonValueKind.Number, account.GetProperty("CreditLimit").ValueKind);
            Assert.Equal(record.CreditLimit, account.GetProperty("CreditLimit").GetDecimal());
        });
    }

    [Fact]
    public async Task Accounts_Name_IsTheErpSpellingNotTheCrmOne()
    {
        var account = _systems.Data.ErpAccounts[0];
        var crmName = _systems.Data.CrmCustomers.Single(c => c.Id == account.CrmRef).Name;

        var (_, body) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?crmRefs={account.CrmRef}");
        var name = body.GetProperty("value")[0].GetProperty("Name").GetString();

        Assert.NotEqual(crmName, name);
        Assert.StartsWith(crmName.Split(' ')[0].ToUpperInvariant(), name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_CommaRepeatedAndMixed_MeanTheSame()
    {
        var refs = _systems.Data.ErpAccounts.Take(6).Select(a => a.CrmRef).ToArray();

        var (_, comma) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?crmRefs={Keys.Join(refs)}");
        var (_, repeated) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?{Keys.Repeated("crmRefs", refs)}");
        var (_, mixed) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?crmRefs={refs[0]},{refs[1]}&{Keys.Repeated("crmRefs", refs[2..])}");

        string[] Sorted(JsonElement body) => [.. body.GetProperty("value").Strings("CrmRef").Order(StringComparer.Ordinal)];
        Assert.Equal(refs.Order(StringComparer.Ordinal), Sorted(comma));
        Assert.Equal(Sorted(comma), Sorted(repeated));
        Assert.Equal(Sorted(comma), Sorted(mixed));
    }

    [Fact]
    public async Task Accounts_SameRequestRepeated_ComesBackInDifferentOrders()
    {
        var url = $"/erp/odata/Accounts?crmRefs={Keys.Join(_systems.Data.ErpAccounts.Take(20).Select(a => a.CrmRef))}";
        var orders = new HashSet<string>();

        for (var attempt = 0; attempt < 10 && orders.Count < 2; attempt++)
        {
            var (_, body) = await _systems.Erp.FetchAsync(url);
            orders.Add(Keys.Join(body.GetProperty("value").Strings("AccountNo")));
        }

        Assert.True(orders.Count >= 2);
    }

    [Fact]
    public async Task Accounts_50Keys_AreAllowedAnd51Return400()
    {
        var (ok, _) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?crmRefs={Keys.Join(Keys.CrmIds(1, 50))}");
        var (tooMany, body) = await _systems.Erp.FetchAsync($"/erp/odata/Accounts?crmRefs={Keys.Join(Keys.CrmIds(1, 51))}");

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        Assert.Equal("too_many_keys", body.Error());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("erp-user:wrong")]
    [InlineData("someone:erp-password")]
    public async Task Accounts_MissingOrWrongBasicCredentials_Return401(string? credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_systems.Running.ErpBaseUrl, "/erp/odata/Accounts?crmRefs=C-000001"));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await _systems.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.ReadJsonAsync()).Error());
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
