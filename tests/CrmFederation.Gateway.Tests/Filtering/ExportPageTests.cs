using System.Text.Json;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.Filtering;

/// <summary>
/// The analyst's larger page (gateway.json limits.byRole.analyst.maxPageSize), filled from consecutive CRM pages,
/// and what the cost model counts for pages the gateway reads, filters or splits.
/// </summary>
[Collection(FilterCollection.Name)]
public sealed class ExportPageTests(FilterSystemsFixture fixture) : IAsyncLifetime
{
    private const string Page = "query($first: Int, $after: String) { customers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }";

    public async Task InitializeAsync()
    {
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customers_AnalystPageOf500_FiveCrmPagesAndTheWalkCoversEveryCustomerInNameOrder()
    {
        var ids = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var result = await fixture.PostAsync(Page, new { first = 500, after }, apiKey: DemoApiKeys.Analyst);
            Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
            var customers = result.GetProperty("data").GetProperty("customers");
            ids.AddRange(customers.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!));
            Assert.Equal(fixture.Rest.Customers.Count, customers.GetProperty("totalCount").GetInt32());
            after = customers.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? customers.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            if (++pages == 1)
            {
                Assert.Equal(500, ids.Count);
                Assert.Equal(5, (await fixture.CallsAsync())["GET /crm/v3/customers"]);
            }
        }
        while (after is not null && pages < 30);

        var expected = fixture.Rest.Customers.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id);
        Assert.Equal(expected, ids);
        Assert.Equal(20, pages);
    }

    [Fact]
    public async Task Customers_PageOver100WithoutTheAnalystsLimit_BadUserInput()
    {
        var result = await fixture.PostAsync(Page, new { first = 500 }, apiKey: DemoApiKeys.Agent);

        Assert.Contains(result.GetProperty("errors").EnumerateArray(), e => e.GetProperty("extensions").GetProperty("code").GetString() == "BAD_USER_INPUT");
    }

    [Theory]
    [InlineData("{}", 1)]
    [InlineData("""{ "segment": { "in": ["SMB", "ENTERPRISE"] } }""", 2)]
    [InlineData("""{ "invoices": { "some": { "status": { "eq": "OVERDUE" } } } }""", 5)]
    [InlineData("""{ "billing": { "creditStatus": { "eq": "HOLD" } }, "segment": { "in": ["SMB", "MID_MARKET", "ENTERPRISE"] } }""", 9)]
    public async Task CostEstimate_FilteredPage_CountsSplitCallsAndTheLookupsOfEachPageRead(string where, int estimated)
    {
        var result = await fixture.PostAsync("query($where: CustomerWhere) { customers(first: 20, where: $where) { nodes { id } } }",
            new { where = JsonDocument.Parse(where).RootElement }, new { cost = true });

        Assert.Equal(estimated, result.GetProperty("extensions").GetProperty("cost").GetProperty("estimatedUpstreamCalls").GetInt32());
    }

    [Fact]
    public async Task CostEstimate_AnalystPageOf500_CountsItsFiveCrmPages()
    {
        var result = await fixture.PostAsync(Page, new { first = 500 }, new { cost = true }, DemoApiKeys.Analyst);

        Assert.Equal(5, result.GetProperty("extensions").GetProperty("cost").GetProperty("estimatedUpstreamCalls").GetInt32());
    }
}
