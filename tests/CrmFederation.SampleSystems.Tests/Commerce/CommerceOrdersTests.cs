using System.Globalization;
using System.Text.RegularExpressions;
using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Tests.Commerce;

[Collection(SharedSystemsCollection.Name)]
public sealed partial class CommerceOrdersTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    private List<CommerceOrder> NewestFirst(IEnumerable<long> customerIds) =>
        [.. _systems.Data.CommerceOrders.Where(o => customerIds.Contains(o.CustomerId)).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)];

    private static string Ids(IEnumerable<long> ids) => Keys.Join(ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Orders_Batch_AreNewestFirstAcrossAllCustomers()
    {
        var customers = _systems.Data.CommerceCustomers.Take(8).Select(c => c.Id).ToList();
        var expected = NewestFirst(customers);

        using var response = await _systems.Commerce.GetAsync(new Uri($"/admin/api/2025-01/orders.json?customer_ids={Ids(customers)}&limit=250", UriKind.Relative));
        var body = await response.ReadJsonAsync();
        var orders = body.GetProperty("orders").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"));
        Assert.Equal(expected.Select(o => o.Id), orders.Select(o => o.GetProperty("id").GetInt64()));
        Assert.All(orders, order =>
        {
            Assert.Equal(["id", "customer_id", "name", "created_at", "total_price", "currency", "financial_status", "fulfillment_status"], order.PropertyNames());
            Assert.Matches(@"^#[0-9]+$", order.GetProperty("name").GetString());
            Assert.Matches(@"^[0-9]+\.[0-9]{2}$", order.GetProperty("total_price").GetString());
            Assert.Matches(@"-0[45]:00$", order.GetProperty("created_at").GetString());
        });
    }

    [Fact]
    public async Task Orders_MoreThanTheLimit_FollowingLinkCollectsEveryOrder()
    {
        var customers = _systems.Data.CommerceCustomers.Skip(10).Take(6).Select(c => c.Id).ToList();
        var expected = NewestFirst(customers);
        var collected = new List<long>();
        var url = $"/admin/api/2025-01/orders.json?customer_ids={Ids(customers)}&limit=7";
        var pages = 0;

        while (url is not null)
        {
            using var response = await _systems.Commerce.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var orders = (await response.ReadJsonAsync()).GetProperty("orders");
            collected.AddRange(orders.EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));
            url = NextLink(response);
            Assert.True(url is null ? orders.GetArrayLength() <= 7 : orders.GetArrayLength() == 7);
            Assert.True(++pages < 100, "paging does not end");
        }

        Assert.True(expected.Count > 7);
        Assert.Equal(expected.Select(o => o.Id), collected);
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Fact]
    public async Task Orders_Link_IsAnAbsoluteUrlWithAnOpaquePageInfo()
    {
        var customers = _systems.Data.CommerceCustomers.Take(10).Select(c => c.Id);

        using var response = await _systems.Commerce.GetAsync(new Uri($"/admin/api/2025-01/orders.json?customer_ids={Ids(customers)}&limit=3", UriKind.Relative));
        var link = response.Headers.GetValues("Link").Single();
        var next = new Uri(NextLink(response)!);

        Assert.Matches("^<[^>]+>; rel=\"next\"$", link);
        Assert.Equal(_systems.Running.CommerceBaseUrl.GetLeftPart(UriPartial.Authority), next.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/admin/api/2025-01/orders.json", next.AbsolutePath);
        Assert.Contains("page_info=", next.Query, StringComparison.Ordinal);
        Assert.Contains("limit=3", next.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_NoLimit_DefaultsTo50()
    {
        var customers = _systems.Data.CommerceCustomers.Take(20).Select(c => c.Id).ToList();

        using var response = await _systems.Commerce.GetAsync(new Uri($"/admin/api/2025-01/orders.json?{Keys.Repeated("customer_ids", customers.Select(c => c.ToString(CultureInfo.InvariantCulture)))}", UriKind.Relative));
        var orders = (await response.ReadJsonAsync()).GetProperty("orders");

        Assert.True(NewestFirst(customers).Count > 50);
        Assert.Equal(50, orders.GetArrayLength());
        Assert.True(response.Headers.Contains("Link"));
    }

    [Fact]
    public async Task Orders_UnknownCustomers_AreOmitted()
    {
        var customer = _systems.Data.CommerceCustomers[0].Id;

        var (status, body) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/orders.json?customer_ids=1,{customer},abc&limit=250");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(NewestFirst([customer]).Count, body.GetProperty("orders").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=251")]
    [InlineData("limit=many")]
    [InlineData("page_info=garbage!")]
    [InlineData("page_info=YWJj")]
    public async Task Orders_InvalidParameter_Returns400(string query)
    {
        var (status, body) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/orders.json?customer_ids=7000001&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_parameter", body.Error());
    }

    [Fact]
    public async Task Orders_51CustomerIds_Returns400TooManyKeys()
    {
        var (status, body) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/orders.json?customer_ids={Ids(Enumerable.Range(7_000_001, 51).Select(i => (long)i))}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_keys", body.Error());
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var match = NextLinkPattern().Match(values.Single());
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex NextLinkPattern();
}
