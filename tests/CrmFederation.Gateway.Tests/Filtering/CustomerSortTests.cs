using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Filtering;

/// <summary>
/// Sorts the CRM list does (name, createdAt, updatedAt, one key) are sent to it; any other the gateway does over
/// every filtered row within the scan budget; both walked page by page and compared with the CRM's REST data.
/// </summary>
[Collection(FilterCollection.Name)]
public sealed class CustomerSortTests(FilterSystemsFixture fixture) : IAsyncLifetime
{
    private IReadOnlyList<RestCustomer> Customers => fixture.Rest.Customers;

    public async Task InitializeAsync()
    {
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("NAME", "DESC", "sort=-name")]
    [InlineData("CREATED_AT", "ASC", "sort=createdAt")]
    [InlineData("UPDATED_AT", "DESC", "sort=-updatedAt")]
    public async Task Customers_OrderTheCrmSortsBy_SentToItAndEqualToTheRestDataSorted(string field, string direction, string sent)
    {
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);

        var walk = await FilterWalk.RunAsync(fixture, new { country = new { eq = "CH" } }, new[] { new { field, direction } });

        var keyed = Customers.Where(c => c.Country == "CH").Select(c => (c.Id, Key: field switch
        {
            "NAME" => (object)c.Name,
            "CREATED_AT" => c.CreatedAt,
            _ => c.UpdatedAt,
        }));
        var comparer = Comparer<object>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : ((IComparable)a).CompareTo(b));
        var expected = (direction == "ASC"
            ? keyed.OrderBy(k => k.Key, comparer).ThenBy(k => k.Id, StringComparer.Ordinal)
            : keyed.OrderByDescending(k => k.Key, comparer).ThenByDescending(k => k.Id, StringComparer.Ordinal)).Select(k => k.Id).ToList();
        walk.ShouldBe(expected);
        Assert.All(crm.Requests.Where(uri => uri.AbsolutePath == "/crm/v3/customers"), uri => Assert.Contains(sent, uri.Query, StringComparison.Ordinal));
        Assert.Equal("source", walk.Explanations[0].GetProperty("lists")[0].GetProperty("sort").GetProperty("by").GetString());
    }

    [Fact]
    public async Task Customers_OrderTheCrmCannotDo_SortedByTheGatewayTiesByIdInTheLastKeysDirection()
    {
        var order = new object[] { new { field = "COUNTRY", direction = "ASC" }, new { field = "NAME", direction = "DESC" } };

        var walk = await FilterWalk.RunAsync(fixture, new { segment = new { eq = "ENTERPRISE" } }, order);

        var expected = Customers.Where(c => c.Segment == "Enterprise")
            .OrderBy(c => c.Country, StringComparer.Ordinal).ThenByDescending(c => c.Name, StringComparer.Ordinal).ThenByDescending(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Id).ToList();
        walk.ShouldBe(expected);
        Assert.Equal("gateway", walk.Explanations[0].GetProperty("lists")[0].GetProperty("sort").GetProperty("by").GetString());
    }

    [Fact]
    public async Task Customers_IdDescending_SortedByTheGatewayWithAGatewayFilter()
    {
        var walk = await FilterWalk.RunAsync(fixture, new { name = new { contains = "capital" } }, new[] { new { field = "ID", direction = "DESC" } }, first: 50);

        walk.ShouldBe(Customers.Where(c => c.Name.Contains("capital", StringComparison.OrdinalIgnoreCase)).Select(c => c.Id).OrderDescending(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Customers_OrderAndOrderByBothGiven_BadUserInput()
    {
        var result = await fixture.Client.QueryAsync("{ customers(first: 5, orderBy: NAME_DESC, order: [{ field: NAME }]) { nodes { id } } }");

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
    }
}
