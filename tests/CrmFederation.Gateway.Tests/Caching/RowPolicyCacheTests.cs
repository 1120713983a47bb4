using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// Cache entries are shared by every caller; row policies are applied to what the cache answers, so
/// callers with different policies, interleaved, each see their own rows and never the other's.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class RowPolicyCacheTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    private const string Lookups = """
        query($ids: [ID!]!, $a: ID!, $b: ID!, $c: ID!) {
          customersByIds(ids: $ids) { id }
          a: customer(id: $a) { id }
          b: customer(id: $b) { id }
          c: customer(id: $c) { id }
        }
        """;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lookups_RegionalAgentAndRepInterleaved_EachSeesOnlyItsOwnRowsFromTheSharedEntries()
    {
        await using var gateway = fixture.StartGateway([new(DemoApiKeys.Variable, RowCallers.Secret())]);
        var german = new GraphQLClient(DemoCallers.Authenticate(gateway.CreateClient(), RowCallers.Germany));
        var rep = new GraphQLClient(DemoCallers.Authenticate(gateway.CreateClient(), RowCallers.Rep));
        var customers = fixture.Systems.Data.CrmCustomers;
        var germanOnly = customers.First(c => c.Country == "DE" && c.OwnerEmail != RowCallers.RepEmail).Id;
        var repOnly = customers.First(c => c.Country != "DE" && c.OwnerEmail == RowCallers.RepEmail).Id;
        var both = customers.First(c => c.Country == "DE" && c.OwnerEmail == RowCallers.RepEmail).Id;
        var variables = new { ids = new[] { germanOnly, repOnly, both }, a = germanOnly, b = repOnly, c = both };

        var answers = new List<(string Caller, JsonElement Data)>();
        foreach (var (name, client) in new[] { ("german", german), ("rep", rep), ("german", german), ("rep", rep), ("german", german) })
        {
            answers.Add((name, await client.DataAsync(Lookups, variables)));
        }

        foreach (var (caller, data) in answers)
        {
            string?[] expected = caller == "german" ? [germanOnly, null, both] : [null, repOnly, both];
            Assert.Equal(expected, data.GetProperty("customersByIds").EnumerateArray().Select(Id));
            Assert.Equal(expected, new[] { "a", "b", "c" }.Select(alias => Id(data.GetProperty(alias))));
        }

        // One CRM call for the first request; every later one was answered from the shared entries.
        Assert.Equal(1, (await fixture.CallsAsync())[UpstreamCalls.CrmCustomers]);
    }

    private static string? Id(JsonElement customer) => customer.ValueKind == JsonValueKind.Null ? null : customer.GetProperty("id").GetString();
}
