using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>
/// Proof by counting: the sample systems count every call they serve, so the number of upstream
/// calls a query costs is observed, not assumed.
/// </summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class BatchingTests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();

        // The CRM token is fetched once and cached; fetch it here so that counts below are of data calls only.
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public async Task Customer360_AnyPageSize_OneCallPerSourceEndpointPerLevel(int first)
    {
        var data = await fixture.Client.DataAsync(Customer360Queries.Customer360, new { first, after = (string?)null });

        Assert.Equal(first, data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
        Assert.Equal(
            UpstreamCalls.OneCallPerDataEndpoint,
            Describe(await fixture.CallsAsync()));
    }

    private static string Describe(Dictionary<string, int> calls) =>
        string.Join("\n", calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    /// <summary>One lookup takes at most 100 ids (maxKeys); two of them on one level still share one loader, chunked by the CRM's batch size.</summary>
    [Fact]
    public async Task CustomersByIds_MoreIdsOnALevelThanTheCrmBatchLimit_SplitsIntoChunksAndKeepsOrder()
    {
        var first = Enumerable.Range(1, 100).Select(i => (string?)$"C-{i:000000}").Reverse().ToList();
        var second = Enumerable.Range(101, 50).Select(i => $"C-{i:000000}").Append("C-999999").ToList();

        var data = await fixture.Client.DataAsync(
            "query($first: [ID!]!, $second: [ID!]!) { a: customersByIds(ids: $first) { id } b: customersByIds(ids: $second) { id } }",
            new { first, second });

        var answeredFirst = data.GetProperty("a").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        var answeredSecond = data.GetProperty("b").EnumerateArray().ToList();
        Assert.Equal(first, answeredFirst);
        Assert.Equal(second.Count, answeredSecond.Count);
        Assert.Equal(second.Take(50), answeredSecond.Take(50).Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answeredSecond[50].ValueKind);
        Assert.Equal(2, (await fixture.CallsAsync())["GET /crm/v3/customers"]);
    }

    [Fact]
    public async Task SameCustomerThreeTimes_OneRequest_LoadedOnce()
    {
        var data = await fixture.Client.DataAsync("""
            { a: customer(id: "C-000002") { id billing { accountNumber } }
              b: customer(id: "C-000002") { name billing { legalName } }
              c: customersByIds(ids: ["C-000002", "C-000003"]) { id } }
            """);

        Assert.Equal("C-000002", data.GetProperty("a").GetProperty("id").GetString());
        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls["GET /crm/v3/customers"]);
        Assert.Equal(1, calls["GET /erp/odata/Accounts"]);
    }
}
