namespace CrmFederation.SampleSystems.Tests.Crm;

[Collection(SharedSystemsCollection.Name)]
public sealed class CrmRelatedTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Contacts_ByCustomerIds_ReturnsEveryContactOfThoseCustomers()
    {
        var ids = Keys.CrmIds(200, 40);
        var expected = _systems.Data.CrmContacts.Where(c => ids.Contains(c.CustomerId)).Select(c => c.Id).Order(StringComparer.Ordinal);

        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/contacts?customerIds={Keys.Join(ids)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body.GetProperty("results").Strings("id").Order(StringComparer.Ordinal));
        Assert.Equal(["id", "customerId", "firstName", "lastName", "email", "title", "phone"], body.GetProperty("results")[0].PropertyNames());
    }

    [Fact]
    public async Task Deals_ByCustomerIds_HaveNumericTwoDecimalAmountsAndPlainDates()
    {
        var ids = Keys.CrmIds(300, 30);
        var expected = _systems.Data.CrmDeals.Where(d => ids.Contains(d.CustomerId)).ToDictionary(d => d.Id);

        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/deals?{Keys.Repeated("customerIds", ids)}");
        var deals = body.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), deals.Select(d => d.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(deals, deal =>
        {
            Assert.Equal(["id", "customerId", "name", "stage", "amount", "currency", "closeDate"], deal.PropertyNames());
            Assert.Equal(JsonValueKind.Number, deal.GetProperty("amount").ValueKind);
            Assert.Matches(@"^[0-9]+\.[0-9]{2}$", deal.GetProperty("amount").GetRawText());
            Assert.Equal(expected[deal.GetProperty("id").GetString()!].Amount, deal.GetProperty("amount").GetDecimal());
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", deal.GetProperty("closeDate").GetString());
        });
    }

    [Fact]
    public async Task Contacts_UnknownAndDuplicateCustomers_AreOmittedAndCountedOnce()
    {
        var expected = _systems.Data.CrmContacts.Count(c => c.CustomerId == "C-000010");

        var (_, body) = await _systems.Crm.FetchAsync("/crm/v3/contacts?customerIds=C-000010,C-999999&customerIds=C-000010");

        Assert.Equal(expected, body.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("contacts")]
    [InlineData("deals")]
    public async Task Related_101CustomerIds_Returns400TooManyKeys(string resource)
    {
        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/{resource}?customerIds={Keys.Join(Keys.CrmIds(1, 101))}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_keys", body.Error());
    }
}
