namespace CrmFederation.SampleSystems.Tests.Crm;

[Collection(SharedSystemsCollection.Name)]
public sealed class CrmCustomerBatchTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Batch_KnownIds_ReturnsEachCustomerOnceWithoutPaging()
    {
        var ids = Keys.CrmIds(101, 30);

        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={Keys.Join(ids)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["results"], body.PropertyNames());
        Assert.Equal(ids.Order(StringComparer.Ordinal), body.GetProperty("results").Strings("id").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batch_UnknownIds_AreSilentlyOmitted()
    {
        var (status, body) = await _systems.Crm.FetchAsync("/crm/v3/customers?ids=C-000005,C-999999,nonsense,C-000007");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["C-000005", "C-000007"], body.GetProperty("results").Strings("id").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batch_DuplicateIds_ReturnTheCustomerOnce()
    {
        var (_, body) = await _systems.Crm.FetchAsync("/crm/v3/customers?ids=C-000005,C-000005&ids=C-000005");

        Assert.Equal(["C-000005"], body.GetProperty("results").Strings("id"));
    }

    [Fact]
    public async Task Batch_CommaRepeatedAndMixed_MeanTheSame()
    {
        var ids = Keys.CrmIds(11, 6);

        var (_, comma) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={Keys.Join(ids)}");
        var (_, repeated) = await _systems.Crm.FetchAsync($"/crm/v3/customers?{Keys.Repeated("ids", ids)}");
        var (_, mixed) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={Keys.Join(ids[..3])}&{Keys.Repeated("ids", ids[3..])}");

        string[] Sorted(JsonElement body) => [.. body.GetProperty("results").Strings("id").Order(StringComparer.Ordinal)];
        Assert.Equal(ids, Sorted(comma));
        Assert.Equal(ids, Sorted(repeated));
        Assert.Equal(ids, Sorted(mixed));
    }

    [Fact]
    public async Task Batch_100Ids_IsAllowed()
    {
        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={Keys.Join(Keys.CrmIds(1, 100))}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(100, body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Batch_101Ids_Returns400TooManyKeys()
    {
        var ids = Keys.CrmIds(1, 101);

        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={Keys.Join(ids[..50])}&{Keys.Repeated("ids", ids[50..])}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_keys", body.Error());
        Assert.Contains("100", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_SameRequestRepeated_ComesBackInDifferentOrders()
    {
        var url = $"/crm/v3/customers?ids={Keys.Join(Keys.CrmIds(1, 20))}";
        var orders = new HashSet<string>();

        for (var attempt = 0; attempt < 10 && orders.Count < 2; attempt++)
        {
            var (_, body) = await _systems.Crm.FetchAsync(url);
            orders.Add(Keys.Join(body.GetProperty("results").Strings("id")));
        }

        Assert.True(orders.Count >= 2, "ten answers to the same batch all came back in one order");
    }

    [Fact]
    public async Task Batch_Customer_HasExactlyTheContractFieldsAndValues()
    {
        var expected = _systems.Data.CrmCustomers.First(c => c.Phone is null || c.Domain is null);

        var (_, body) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={expected.Id}");
        var customer = body.GetProperty("results")[0];

        Assert.Equal(
            ["id", "name", "domain", "industry", "segment", "country", "lifecycleStage", "primaryEmail", "phone", "ownerEmail", "createdAt", "updatedAt"],
            customer.PropertyNames());
        Assert.Equal(expected.Name, customer.GetProperty("name").GetString());
        Assert.Equal(expected.Domain, customer.GetProperty("domain").GetString());
        Assert.Equal(expected.Phone, customer.GetProperty("phone").GetString());
        Assert.Equal(expected.Segment, customer.GetProperty("segment").GetString());
        Assert.Equal(expected.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), customer.GetProperty("createdAt").GetString());
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", customer.GetProperty("updatedAt").GetString());
    }
}
