using System.Text.Json;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.Filtering;

/// <summary>Every page of a filtered list, walked by endCursor: the ids in order, each page's totalCount, and the explanation of each page.</summary>
public sealed record FilterWalk(List<string> Ids, List<int> TotalCounts, List<JsonElement> Explanations)
{
    public const string Query = """
        query($first: Int, $after: String, $where: CustomerWhere, $order: [CustomerSort!]) {
          customers(first: $first, after: $after, where: $where, order: $order) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { id }
          }
        }
        """;

    public int Pages => TotalCounts.Count;

    public static async Task<FilterWalk> RunAsync(FilterSystemsFixture fixture, object? where, object? order = null, int first = 37, string apiKey = DemoApiKeys.Admin)
    {
        var walk = new FilterWalk([], [], []);
        string? after = null;
        for (var page = 1; page <= 400; page++)
        {
            var result = await fixture.PostAsync(Query, new { first, after, where, order }, new { explain = true }, apiKey);
            Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
            var customers = result.GetProperty("data").GetProperty("customers");
            walk.Ids.AddRange(customers.GetProperty("nodes").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            walk.TotalCounts.Add(customers.GetProperty("totalCount").GetInt32());
            walk.Explanations.Add(result.GetProperty("extensions").GetProperty("explain"));
            var pageInfo = customers.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                return walk;
            }

            after = pageInfo.GetProperty("endCursor").GetString();
        }

        throw new InvalidOperationException("More than 400 pages.");
    }

    /// <summary>The whole walk equals <paramref name="expected"/> (in order), and every page's totalCount its count.</summary>
    public void ShouldBe(IReadOnlyList<string> expected)
    {
        Assert.Equal(expected, Ids);
        Assert.All(TotalCounts, total => Assert.Equal(expected.Count, total));
        Assert.True(expected.Count > 0, "The filter should match some customers for the test to mean something.");
    }
}
