using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;
using Xunit.Abstractions;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>
/// The cost model against reality: for the README's three example queries, the estimate the gateway
/// returns (request extension <c>{"cost": true}</c>) is at least the upstream calls the sample systems
/// served and at most twice as many; the calls the gateway counted are those the systems counted.
/// </summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class CostEstimateTests(SampleSystemsFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The README's queries, as written there.</summary>
    public static TheoryData<string, string> ReadmeQueries() => new()
    {
        { "one customer from all four systems", "{ customer(id: \"C-000035\") { name segment billing { legalName creditLimit { amount currency } } tickets(status: [OPEN, PENDING]) { subject priority } shopper { email totalSpent { amount } } orders(first: 3) { name createdAt totalPrice { amount currency } } } }" },
        { "a page of enterprise customers", "{ customers(first: 5, segment: ENTERPRISE, country: \"DE\", orderBy: NAME_ASC) { totalCount pageInfo { hasNextPage endCursor } nodes { id name lifecycleStage } } }" },
        { "customer-360 list", "{ customers(first: 50) { nodes { id name contacts { email } billing { accountNumber } invoices(status: OPEN) { number amount { amount currency } } tickets(status: [OPEN, PENDING]) { id } shopper { id } orders(first: 5) { name } } } }" },
    };

    public async Task InitializeAsync() => await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");

    public Task DisposeAsync() => fixture.ResetAsync();

    [Theory]
    [MemberData(nameof(ReadmeQueries))]
    public async Task Post_ReadmeQuery_EstimateIsAtLeastTheCallsMadeAndAtMostTwice(string name, string query)
    {
        await fixture.ResetAsync();

        using var response = await fixture.Http.PostAsJsonAsync("/graphql", new { query, extensions = new { cost = true } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        var cost = body.GetProperty("extensions").GetProperty("cost");
        var estimated = cost.GetProperty("estimatedUpstreamCalls").GetInt64();
        var served = (await fixture.CallsAsync()).Where(c => c.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(c => c.Value);
        output.WriteLine($"{name}: estimated {estimated} calls, {cost.GetProperty("estimatedResultItems").GetInt64()} values; made {served} calls, {Values(body.GetProperty("data"))} values");
        Assert.Equal(served, cost.GetProperty("upstreamCalls").GetInt32());
        Assert.InRange(estimated, served, 2L * served);
    }

    [Fact]
    public async Task Post_WithoutTheCostExtension_AnswersWithoutTheEstimate()
    {
        using var response = await fixture.Http.PostAsJsonAsync("/graphql", new { query = "{ customer(id: \"C-000001\") { id } }" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.TryGetProperty("extensions", out _));
    }

    /// <summary>Each field of each row, as the cost model counts result items.</summary>
    private static int Values(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(p => 1 + Values(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Sum(Values),
        _ => 0,
    };
}
