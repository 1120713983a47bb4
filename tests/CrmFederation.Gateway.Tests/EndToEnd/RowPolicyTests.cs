using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems.Data;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>
/// The sample row policies on every path that yields a customer, compared with answers computed from
/// the sample data: a regional agent sees the customers of its countries, an account rep those it owns.
/// What reaches the CRM is read from its own request log and call counts.
/// </summary>
[Collection(RowPolicyCollection.Name)]
public sealed class RowPolicyTests(RowPolicySystemsFixture fixture) : IAsyncLifetime
{
    private const string CrmCustomers = "GET /crm/v3/customers";

    private const string Page = """
        query($first: Int, $after: String, $country: String) {
          customers(first: $first, after: $after, country: $country) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { id country ownerEmail }
          }
        }
        """;

    private IReadOnlyList<CrmCustomer> Customers => fixture.Systems.Data.CrmCustomers;

    public async Task InitializeAsync()
    {
        // The CRM token is fetched once and cached; fetched here, the counts below are of data calls only.
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customer_RegionalAgent_OwnCountryAnsweredOtherCountryNullLikeAnUnknownId()
    {
        var german = Customers.First(c => c.Country == "DE");
        var french = Customers.First(c => c.Country == "FR");

        var result = await fixture.ClientFor(RowCallers.Germany).QueryAsync(
            "query($a: ID!, $b: ID!) { a: customer(id: $a) { id country } b: customer(id: $b) { id name } unknown: customer(id: \"C-999999\") { id } }",
            new { a = german.Id, b = french.Id });

        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var data = result.GetProperty("data");
        Assert.Equal(german.Id, data.GetProperty("a").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("b").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("unknown").ValueKind);
    }

    [Fact]
    public async Task Customer_AccountRep_OwnerEmailComparedIgnoringCase()
    {
        var owned = Customers.First(c => c.OwnerEmail == RowCallers.RepEmail);
        var other = Customers.First(c => c.OwnerEmail != RowCallers.RepEmail);

        var data = await fixture.ClientFor(RowCallers.Rep).DataAsync(
            "query($a: ID!, $b: ID!) { a: customer(id: $a) { id ownerEmail billing { accountNumber } } b: customer(id: $b) { id } }",
            new { a = owned.Id, b = other.Id });

        Assert.Equal(RowCallers.RepEmail, data.GetProperty("a").GetProperty("ownerEmail").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("b").ValueKind);
    }

    [Fact]
    public async Task CustomersByIds_Mixed_NullAtEachPositionTheCallerMayNotSee()
    {
        var ids = Customers.Take(40).Select(c => c.Id).Append("C-999999").ToList();

        var data = await fixture.ClientFor(RowCallers.Dach).DataAsync("query($ids: [ID!]!) { customersByIds(ids: $ids) { id } }", new { ids });

        var expected = Customers.Take(40).Select(c => RowCallers.DachCountries.Contains(c.Country) ? c.Id : null).Append(null);
        Assert.Equal(expected, data.GetProperty("customersByIds").EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? null : c.GetProperty("id").GetString()));
        Assert.Contains(expected, id => id is null);
        Assert.Contains(expected, id => id is not null);
    }

    [Fact]
    public async Task Customers_OneCountryInTheClaim_SentToTheCrmAndPagedByItsOwnCursor()
    {
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);

        var pages = await FollowAsync(RowCallers.Germany, first: 100);

        Assert.Equal(Expected(c => c.Country == "DE"), pages.Ids);
        Assert.All(pages.TotalCounts, total => Assert.Equal(Customers.Count(c => c.Country == "DE"), total));
        var sent = crm.Requests.Where(uri => uri.AbsolutePath == "/crm/v3/customers").ToList();
        Assert.Equal(pages.Count, sent.Count);
        Assert.All(sent, uri => Assert.Contains("country=DE", uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Customers_CountryArgumentOutsideTheClaim_EmptyWithoutAnUpstreamCall()
    {
        var data = await fixture.ClientFor(RowCallers.Germany).DataAsync(Page, new { first = 20, country = "FR" });

        var customers = data.GetProperty("customers");
        Assert.Equal(0, customers.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, customers.GetProperty("nodes").GetArrayLength());
        Assert.False(customers.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(JsonValueKind.Null, customers.GetProperty("pageInfo").GetProperty("endCursor").ValueKind);
        Assert.False((await fixture.CallsAsync()).ContainsKey(CrmCustomers));
    }

    [Fact]
    public async Task Customers_CountryArgumentWithinASeveralCountryClaim_OneCallFilteredByTheCrm()
    {
        var data = await fixture.ClientFor(RowCallers.Dach).DataAsync(Page, new { first = 100, country = "CH" });

        var customers = data.GetProperty("customers");
        Assert.Equal(Customers.Count(c => c.Country == "CH"), customers.GetProperty("totalCount").GetInt32());
        Assert.Equal(Expected(c => c.Country == "CH").Take(100), Ids(customers));
        Assert.Equal(1, (await fixture.CallsAsync())[CrmCustomers]);
    }

    [Fact]
    public async Task Customers_SeveralCountries_FilteredByTheGatewayPageAfterPageToTheEnd()
    {
        var pages = await FollowAsync(RowCallers.Dach, first: 50);

        var expected = Expected(c => RowCallers.DachCountries.Contains(c.Country));
        Assert.Equal(expected, pages.Ids);
        Assert.All(pages.TotalCounts, total => Assert.Equal(expected.Count, total));
        Assert.Equal((expected.Count + 49) / 50, pages.Count);
    }

    [Fact]
    public async Task Customers_OwnerEmailPolicy_FilteredByTheGatewayWithTheTotalOfVisibleRows()
    {
        var pages = await FollowAsync(RowCallers.Rep, first: 100);

        var expected = Expected(c => c.OwnerEmail == RowCallers.RepEmail);
        Assert.Equal(expected, pages.Ids);
        Assert.All(pages.TotalCounts, total => Assert.Equal(expected.Count, total));
    }

    [Fact]
    public async Task Customers_GatewayFilteredWithoutTotalCount_ReadsOnlyThePagesThePageNeeds()
    {
        var data = await fixture.ClientFor(RowCallers.Dach).DataAsync("{ customers(first: 5) { nodes { id } pageInfo { hasNextPage } } }");

        Assert.Equal(Expected(c => RowCallers.DachCountries.Contains(c.Country)).Take(5), Ids(data.GetProperty("customers")));
        Assert.True(data.GetProperty("customers").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(1, (await fixture.CallsAsync())[CrmCustomers]);
    }

    [Fact]
    public async Task Customers_TwoRestrictedRoles_SeeTheUnionOfWhatEachAllows()
    {
        var pages = await FollowAsync(RowCallers.RepOrFrance, first: 100);

        var expected = Expected(c => c.OwnerEmail == RowCallers.OtherRepEmail || c.Country == "FR");
        Assert.Equal(expected, pages.Ids);
        Assert.All(pages.TotalCounts, total => Assert.Equal(expected.Count, total));
    }

    [Fact]
    public async Task Customers_TwoRolesAndACountryArgument_OneRoleDecidedByTheArgumentTheOtherByTheGateway()
    {
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);
        var client = fixture.ClientFor(RowCallers.RepOrFrance);

        var france = (await client.DataAsync(Page, new { first = 100, country = "FR" })).GetProperty("customers");
        var germany = (await client.DataAsync(Page, new { first = 100, country = "DE" })).GetProperty("customers");

        // In France the country role allows every customer: the CRM's own page and total.
        Assert.Equal(Customers.Count(c => c.Country == "FR"), france.GetProperty("totalCount").GetInt32());
        Assert.Equal(Expected(c => c.Country == "FR").Take(100), Ids(france));

        // In Germany only the rep role can allow a customer: the gateway checks the owner of each German one.
        var expected = Expected(c => c.Country == "DE" && c.OwnerEmail == RowCallers.OtherRepEmail);
        Assert.Equal(expected.Count, germany.GetProperty("totalCount").GetInt32());
        Assert.Equal(expected.Take(100), Ids(germany));
        Assert.All(crm.Requests, uri => Assert.Matches("country=(FR|DE)", uri.Query));
    }

    [Fact]
    public async Task Customers_RoleWhoseClaimIsMissing_SeesNoCustomerAndCostsNoCall()
    {
        var client = fixture.ClientFor(RowCallers.AgentWithoutCountries);

        var data = await client.DataAsync("{ customers(first: 10) { totalCount nodes { id } } customer(id: \"C-000001\") { id } }");

        Assert.Equal(0, data.GetProperty("customers").GetProperty("totalCount").GetInt32());
        Assert.Equal(0, data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("customer").ValueKind);
        Assert.Equal(1, (await fixture.CallsAsync())[CrmCustomers]);
    }

    [Fact]
    public async Task Customers_AfterThatIsNoCursorOfTheGateway_BadUserInput()
    {
        var result = await fixture.ClientFor(RowCallers.Dach).QueryAsync(Page, new { first = 10, after = "bm90LWEtY3Vyc29y" });

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Customers_ScanPastMaxScanRows_FilterScanLimitNamingThePredicateAndNoPartialPage()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("gateway.json", "\"maxScanRows\": 10000", "\"maxScanRows\": 500");
        await using var gateway = new GatewayFactory(DemoMode.Variables(fixture.Systems)
            .Append(new("Gateway:ConfigPath", sandbox.Directory))
            .Append(new("Gateway:Cache:Enabled", "false"))
            .Append(new(DemoApiKeys.Variable, RowCallers.Secret())));
        var client = new GraphQLClient(DemoCallers.Authenticate(gateway.CreateClient(), RowCallers.Rep));

        var counted = await client.QueryAsync("{ customers(first: 100) { totalCount nodes { id } } }");
        var small = await client.DataAsync("{ customers(first: 3) { nodes { id } } }");

        var error = Assert.Single(counted.GetProperty("errors").EnumerateArray());
        Assert.Equal("FILTER_SCAN_LIMIT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("Customer.ownerEmail equalsClaim email", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("olivia", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, counted.GetProperty("data").ValueKind);
        Assert.Equal(Expected(c => c.OwnerEmail == RowCallers.RepEmail).Take(3), Ids(small.GetProperty("customers")));
    }

    private List<string> Expected(Func<CrmCustomer, bool> visible) =>
        Customers.Where(visible).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();

    private static IEnumerable<string> Ids(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(c => c.GetProperty("id").GetString()!);

    /// <summary>Every page of the caller's customers, following endCursor while hasNextPage.</summary>
    private async Task<(List<string> Ids, List<int> TotalCounts, int Count)> FollowAsync(string apiKey, int first)
    {
        var client = fixture.ClientFor(apiKey);
        var ids = new List<string>();
        var totals = new List<int>();
        string? after = null;
        for (var page = 1; page <= 200; page++)
        {
            var customers = (await client.DataAsync(Page, new { first, after })).GetProperty("customers");
            ids.AddRange(Ids(customers));
            totals.Add(customers.GetProperty("totalCount").GetInt32());
            var pageInfo = customers.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                return (ids, totals, page);
            }

            after = pageInfo.GetProperty("endCursor").GetString();
        }

        throw new InvalidOperationException("More than 200 pages.");
    }
}
