using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Sources;

/// <summary>The per-source figures the status page shows, kept on the clock the client was given.</summary>
public sealed class SourceClientStatisticsTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly RequestScope _documents = new(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };
    private readonly FakeTimeProvider _clock = new();

    public void Dispose()
    {
        _documents.Dispose();
        _server.Stop();
        _pool.Dispose();
    }

    [Fact]
    public async Task Statistics_CallOnFrozenClock_CountedUntilTheInjectedClockMovesAMinuteOn()
    {
        _server.Given(Request.Create().WithPath("/crm/v3/customers").UsingGet()).RespondWith(WireLog.Json(new { results = new[] { new { id = "C-1" } } }));
        var source = WireSources.Source(_server.Url!);
        var client = new SourceClientFactory(_pool, _clock).Create(source);

        await client.FetchItemsAsync(WireSources.CustomersById(source), ["C-1"], [], _documents, CancellationToken.None);
        var justAfter = client.Statistics.Recent();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var aMinuteLater = client.Statistics.Recent();

        Assert.Equal(1, justAfter.CallsLastMinute);

        // The clock did not move during the call, so the call took no time on it.
        Assert.Equal(0, justAfter.MeanLatencyMs);
        Assert.Equal(0, aMinuteLater.CallsLastMinute);
    }
}
