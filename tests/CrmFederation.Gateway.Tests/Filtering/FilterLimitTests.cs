using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Filtering;

/// <summary>
/// The bounds of gateway-side filtering: the request's scan budget (FILTER_SCAN_LIMIT naming the predicate the
/// source could not apply, never a partial answer), huge in lists and sprawling filters refused with clear
/// errors, and cursors taken back only by the filter that handed them out.
/// </summary>
[Collection(FilterCollection.Name)]
public sealed class FilterLimitTests(FilterSystemsFixture fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customers_GatewayFilterPastTheScanBudget_FilterScanLimitNamingThePredicateNoData()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("gateway.json", "\"maxScanRows\": 10000", "\"maxScanRows\": 500");
        await using var gateway = new GatewayFactory(TestGatewayVariables.For(fixture.Systems)
            .Append(new("Gateway:ConfigPath", sandbox.Directory))
            .Append(new("Gateway:Cache:Enabled", "false")));
        var client = new GraphQLClient(DemoCallers.Authenticate(gateway.CreateClient()));

        var counted = await client.QueryAsync("{ customers(first: 10, where: { name: { contains: \"gmbh\" } }) { totalCount nodes { id } } }");
        var sorted = await client.QueryAsync("{ customers(first: 10, order: [{ field: COUNTRY }]) { nodes { id } } }");
        var small = await client.DataAsync("{ customers(first: 3, where: { name: { contains: \"a\" } }) { nodes { id } } }");

        var error = Assert.Single(counted.GetProperty("errors").EnumerateArray());
        Assert.Equal("FILTER_SCAN_LIMIT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("Customer.name contains \"gmbh\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, counted.GetProperty("data").ValueKind);
        Assert.Contains("sort by Customer.country asc", Assert.Single(sorted.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, small.GetProperty("customers").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Customers_InListOverTheLimit_BadUserInputNamingTheLimit()
    {
        var ids = Enumerable.Range(1, 101).Select(i => $"C-{i:000000}").ToArray();

        var result = await fixture.PostAsync(FilterWalk.Query, new { first = 5, where = new { id = new { @in = ids } } });

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("limits.maxFilterValues", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.CallsAsync());
    }

    [Fact]
    public async Task Customers_FilterWithTooManyTerms_BadUserInputBeforeAnyCall()
    {
        var where = new { or = Enumerable.Range(0, 60).Select(i => new { name = new { eq = $"x{i}" } }).ToArray() };

        var result = await fixture.PostAsync(FilterWalk.Query, new { first = 5, where });

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("limits.maxFilterTerms", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.CallsAsync());
    }

    [Fact]
    public async Task Customers_CursorOfAnotherFilter_BadUserInput()
    {
        var first = await fixture.PostAsync(FilterWalk.Query, new { first = 5, where = new { name = new { contains = "a" } } });
        var cursor = first.GetProperty("data").GetProperty("customers").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var result = await fixture.PostAsync(FilterWalk.Query, new { first = 5, after = cursor, where = new { name = new { contains = "e" } } });

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Customers_ExplainNotAsked_NoExplanationInTheResponse()
    {
        var result = await fixture.PostAsync(FilterWalk.Query, new { first = 5, where = new { name = new { contains = "a" } } });

        Assert.False(result.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("explain", out _));
    }
}
