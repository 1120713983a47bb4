using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Filtering;

/// <summary>
/// Every comparison and and/or/not on the CRM's own fields, walked page by page (37 a page, so pages and the
/// CRM's pages of 100 do not line up) and compared with the answer computed from the CRM's REST data, with
/// totalCount on every page. What the CRM list declares it filters by is sent to it; the explanation says so.
/// </summary>
[Collection(FilterCollection.Name)]
public sealed class CustomerFilterTests(FilterSystemsFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Instant = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, (object Where, Func<RestCustomer, bool> Expected, string? SentParameter)> Cases = new()
    {
        ["segment eq (pushed)"] = (new { segment = new { eq = "ENTERPRISE" } }, c => c.Segment == "Enterprise", "segment=Enterprise"),
        ["segment neq"] = (new { segment = new { neq = "SMB" } }, c => c.Segment != "SMB", null),
        ["segment in (split)"] = (new { segment = new { @in = new[] { "SMB", "ENTERPRISE" } } }, c => c.Segment is "SMB" or "Enterprise", "segment=SMB"),
        ["country eq (pushed)"] = (new { country = new { eq = "DE" } }, c => c.Country == "DE", "country=DE"),
        ["country in (split)"] = (new { country = new { @in = new[] { "AT", "CH", "NL" } } }, c => c.Country is "AT" or "CH" or "NL", "country=CH"),
        ["lifecycleStage eq and country eq (both pushed)"] = (new { lifecycleStage = new { eq = "CHURNED" }, country = new { eq = "FR" } }, c => c.LifecycleStage == "churned" && c.Country == "FR", "lifecycleStage=churned"),
        ["name contains, ignoring case"] = (new { name = new { contains = "gmbh" } }, c => c.Name.Contains("gmbh", StringComparison.OrdinalIgnoreCase), null),
        ["name startsWith"] = (new { name = new { startsWith = "at" }, segment = new { eq = "SMB" } }, c => c.Name.StartsWith("at", StringComparison.OrdinalIgnoreCase) && c.Segment == "SMB", "segment=SMB"),
        ["id in"] = (new { id = new { @in = new[] { "C-000035", "C-000001", "C-009999", "C-999999" } } }, c => c.Id is "C-000035" or "C-000001" or "C-009999", null),
        ["createdAt gt"] = (new { createdAt = new { gt = Instant }, segment = new { eq = "ENTERPRISE" } }, c => c.CreatedAt > Instant && c.Segment == "Enterprise", null),
        ["createdAt lte"] = (new { createdAt = new { lte = Instant }, country = new { eq = "IT" } }, c => c.CreatedAt <= Instant && c.Country == "IT", null),
        ["updatedAt gt (pushed as updatedAfter)"] = (new { updatedAt = new { gt = Instant } }, c => c.UpdatedAt > Instant, "updatedAfter=2025-06-01T00:00:00Z"),
        ["updatedAt gte and lt"] = (new { updatedAt = new { gte = Instant.AddMonths(-1), lt = Instant }, segment = new { eq = "MID_MARKET" } },
            c => c.UpdatedAt >= Instant.AddMonths(-1) && c.UpdatedAt < Instant && c.Segment == "MidMarket", null),
        ["or"] = (new { or = new object[] { new { country = new { eq = "IE" } }, new { name = new { startsWith = "Zenith" } } } }, c => c.Country == "IE" || c.Name.StartsWith("Zenith", StringComparison.OrdinalIgnoreCase), null),
        ["and with not"] = (new { and = new object[] { new { country = new { eq = "DE" } }, new { not = new { lifecycleStage = new { @in = new[] { "LEAD", "CHURNED" } } } } } },
            c => c.Country == "DE" && c.LifecycleStage is not ("lead" or "churned"), "country=DE"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    private IReadOnlyList<RestCustomer> Customers => fixture.Rest.Customers;

    public async Task InitializeAsync()
    {
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Customers_Where_AllPagesEqualTheAnswerOfTheCrmsRestData(string name)
    {
        var (where, expected, sent) = Cases[name];

        var walk = await FilterWalk.RunAsync(fixture, where);

        walk.ShouldBe(ByName(expected));
        if (sent is not null)
        {
            var pushed = walk.Explanations[0].GetProperty("lists")[0].GetProperty("pushedDown").EnumerateArray().Select(p => p.GetProperty("parameters").GetString()).ToList();
            Assert.Contains(pushed, p => p!.Contains(sent, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Customers_NameEquals_ExactlyTheCustomersOfThatName()
    {
        var name = Customers[34].Name;

        var walk = await FilterWalk.RunAsync(fixture, new { name = new { eq = name } });

        walk.ShouldBe(ByName(c => c.Name == name));
    }

    [Fact]
    public async Task Customers_InOverAFieldTheCrmMatchesOneValueOf_OneCallPerValueMergedInNameOrder()
    {
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);

        var walk = await FilterWalk.RunAsync(fixture, new { segment = new { @in = new[] { "ENTERPRISE", "MID_MARKET" } } }, first: 100);

        walk.ShouldBe(ByName(c => c.Segment is "Enterprise" or "MidMarket"));
        var lists = crm.Requests.Where(uri => uri.AbsolutePath == "/crm/v3/customers").ToList();
        Assert.All(lists, uri => Assert.Matches("segment=(Enterprise|MidMarket)", uri.Query));
        Assert.Contains(lists, uri => uri.Query.Contains("segment=MidMarket", StringComparison.Ordinal));
        var explain = walk.Explanations[0].GetProperty("lists")[0];
        Assert.Equal(2, explain.GetProperty("calls").GetInt32());
        Assert.Empty(explain.GetProperty("gateway").EnumerateArray());
    }

    [Fact]
    public async Task Customers_UpdatedAtGreaterThan_IncrementalRefreshSentAsUpdatedAfterOnePageOneCall()
    {
        var since = Customers.Select(c => c.UpdatedAt).Order().ElementAt(Customers.Count - 150);
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);

        var walk = await FilterWalk.RunAsync(fixture, new { updatedAt = new { gt = since } }, new[] { new { field = "UPDATED_AT", direction = "ASC" } }, first: 100);

        var expected = Customers.Where(c => c.UpdatedAt > since).OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
        walk.ShouldBe(expected);
        var sent = crm.Requests.Where(uri => uri.AbsolutePath == "/crm/v3/customers").ToList();
        Assert.Equal(walk.Pages, sent.Count);
        Assert.All(sent, uri => Assert.Contains("updatedAfter=", uri.Query, StringComparison.Ordinal));
        Assert.All(sent, uri => Assert.Contains("sort=updatedAt", uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Customers_WhereContradictingAnArgument_EmptyWithoutACall()
    {
        var data = await fixture.Client.DataAsync("{ customers(first: 10, country: \"FR\", where: { country: { in: [\"DE\", \"AT\"] } }) { totalCount nodes { id } } }");

        Assert.Equal(0, data.GetProperty("customers").GetProperty("totalCount").GetInt32());
        Assert.False((await fixture.CallsAsync()).ContainsKey("GET /crm/v3/customers"));
    }

    [Fact]
    public async Task Customers_RegionalAgentWithWhere_RowPolicyAndFilterBothApply()
    {
        var walk = await FilterWalk.RunAsync(fixture, new { segment = new { eq = "ENTERPRISE" } }, apiKey: RowCallers.Dach);

        walk.ShouldBe(ByName(c => RowCallers.DachCountries.Contains(c.Country) && c.Segment == "Enterprise"));
        var gateway = walk.Explanations[0].GetProperty("lists")[0].GetProperty("gateway").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("row policy: Customer.country inClaim countries", gateway);
    }

    private List<string> ByName(Func<RestCustomer, bool> predicate) =>
        Customers.Where(predicate).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
}
