using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Tests.Crm;

[Collection(SharedSystemsCollection.Name)]
public sealed class CrmCustomerListTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    private IReadOnlyList<CrmCustomer> Customers => _systems.Data.CrmCustomers;

    [Fact]
    public async Task List_NoParameters_ReturnsFirst20InIdOrderWithCursorAndTotal()
    {
        var (status, body) = await _systems.Crm.FetchAsync("/crm/v3/customers");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["results", "paging", "total"], body.PropertyNames());
        Assert.Equal(Keys.CrmIds(1, 20), body.GetProperty("results").Strings("id"));
        Assert.Equal(Customers.Count, body.GetProperty("total").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("paging").GetProperty("next").GetProperty("after").GetString()));
    }

    [Fact]
    public async Task List_FollowingEveryCursor_VisitsEachCustomerOnceAndEndsWithNullPaging()
    {
        var pages = await ReadAllPagesAsync("limit=100");

        Assert.Equal(Customers.Count / 100, pages.Count);
        Assert.Equal(Customers.Select(c => c.Id), pages.SelectMany(p => p.GetProperty("results").Strings("id")));
        Assert.All(pages, p => Assert.Equal(Customers.Count, p.GetProperty("total").GetInt32()));
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("paging").ValueKind);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(JsonValueKind.Object, p.GetProperty("paging").ValueKind));
    }

    [Fact]
    public async Task List_SegmentAndCountry_PagesThroughExactlyTheMatches()
    {
        var expected = Customers.Where(c => c.Segment == "SMB" && c.Country == "US").Select(c => c.Id).ToList();

        var pages = await ReadAllPagesAsync("segment=SMB&country=US&limit=37");

        Assert.Equal(expected, pages.SelectMany(p => p.GetProperty("results").Strings("id")));
        Assert.All(pages, p => Assert.Equal(expected.Count, p.GetProperty("total").GetInt32()));
        Assert.Equal((expected.Count + 36) / 37, pages.Count);
    }

    [Fact]
    public async Task List_LifecycleStageWithSort_CombinesFilterAndOrder()
    {
        var expected = Customers.Where(c => c.LifecycleStage == "churned")
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();

        var pages = await ReadAllPagesAsync("lifecycleStage=churned&sort=-createdAt&limit=50");

        Assert.Equal(expected, pages.SelectMany(p => p.GetProperty("results").Strings("id")));
    }

    [Fact]
    public async Task List_UpdatedAfter_IsStrictlyAfter()
    {
        var pivot = Customers[500];
        var expected = Customers.Where(c => c.UpdatedAt > pivot.UpdatedAt).Select(c => c.Id).ToList();
        var since = Uri.EscapeDataString(pivot.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));

        var pages = await ReadAllPagesAsync($"updatedAfter={since}&limit=100");
        var ids = pages.SelectMany(p => p.GetProperty("results").Strings("id")).ToList();

        Assert.Equal(expected, ids);
        Assert.DoesNotContain(pivot.Id, ids);
    }

    [Fact]
    public async Task List_UnmatchedFilter_ReturnsNoResultsTotalZeroAndNullPaging()
    {
        var (status, body) = await _systems.Crm.FetchAsync("/crm/v3/customers?country=ZZ");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("results").GetArrayLength());
        Assert.Equal(0, body.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("paging").ValueKind);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("updatedAt")]
    [InlineData("-updatedAt")]
    public async Task List_Sort_OrdersByTheKeyThenById(string sort)
    {
        var ascending = sort.TrimStart('-') switch
        {
            "name" => Customers.OrderBy(c => c.Name, StringComparer.Ordinal),
            "createdAt" => Customers.OrderBy(c => c.CreatedAt),
            _ => Customers.OrderBy(c => c.UpdatedAt),
        };
        var expected = ascending.ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
        if (sort.StartsWith('-'))
        {
            expected.Reverse();
        }

        var pages = await ReadAllPagesAsync($"sort={sort}&limit=100");

        Assert.Equal(expected, pages.SelectMany(p => p.GetProperty("results").Strings("id")));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=-5")]
    [InlineData("limit=ten")]
    [InlineData("after=not-a-cursor")]
    [InlineData("after=YWJj")]
    [InlineData("sort=email")]
    [InlineData("sort=%2Bname")]
    [InlineData("segment=MID_MARKET")]
    [InlineData("lifecycleStage=Customer")]
    [InlineData("updatedAfter=yesterday")]
    public async Task List_InvalidParameter_Returns400(string query)
    {
        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/customers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_parameter", body.Error());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task List_LimitBounds_AreAccepted()
    {
        var (one, smallest) = await _systems.Crm.FetchAsync("/crm/v3/customers?limit=1");
        var (hundred, largest) = await _systems.Crm.FetchAsync("/crm/v3/customers?limit=100");

        Assert.Equal(HttpStatusCode.OK, one);
        Assert.Equal(HttpStatusCode.OK, hundred);
        Assert.Equal(1, smallest.GetProperty("results").GetArrayLength());
        Assert.Equal(100, largest.GetProperty("results").GetArrayLength());
    }

    /// <summary>Pages through the list from the first page, following <c>paging.next.after</c> until it is null.</summary>
    private async Task<List<JsonElement>> ReadAllPagesAsync(string query)
    {
        var pages = new List<JsonElement>();
        var url = $"/crm/v3/customers?{query}";
        while (true)
        {
            var (status, body) = await _systems.Crm.FetchAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            pages.Add(body);
            var paging = body.GetProperty("paging");
            if (paging.ValueKind == JsonValueKind.Null)
            {
                return pages;
            }

            Assert.True(pages.Count < 1_000, "paging does not end");
            url = $"/crm/v3/customers?{query}&after={Uri.EscapeDataString(paging.GetProperty("next").GetProperty("after").GetString()!)}";
        }
    }
}
