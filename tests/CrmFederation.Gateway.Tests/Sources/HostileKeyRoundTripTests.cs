using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Sources;

/// <summary>Hostile keys and parameter values, sent through the real pipeline: the upstream reads each back as one opaque value.</summary>
public sealed class HostileKeyRoundTripTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();

    public void Dispose()
    {
        _server.Stop();
        _pool.Dispose();
    }

    [Theory]
    [InlineData("C-1&ids=C-2")]
    [InlineData("a b")]
    [InlineData("a+b")]
    [InlineData("Zoë")]
    [InlineData("山田")]
    [InlineData("%2F")]
    [InlineData("x#y?z")]
    public async Task FetchItemsAsync_HostileKey_UpstreamReadsExactlyThatKey(string key)
    {
        _server.Given(Request.Create().WithPath("/crm/v3/customers").UsingGet()).RespondWith(WireLog.Json(new { results = Array.Empty<object>() }));
        var source = WireSources.Source(_server.Url!);
        var client = new SourceClientFactory(_pool, TimeProvider.System).Create(source);
        using var scope = new RequestScope(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };

        await client.FetchItemsAsync(WireSources.CustomersById(source), [key], [new("segment", key)], scope, CancellationToken.None);

        var request = Assert.Single(_server.Requests());
        Assert.Equal([new("segment", key), new("ids", key)], request.QueryPairs());
    }
}
