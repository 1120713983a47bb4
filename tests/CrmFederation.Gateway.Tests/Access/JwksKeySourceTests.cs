using CrmFederation.Gateway.Access;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// The JWKS cache on a clock the test moves: one fetch however many requests ask, a refresh on request
/// at most once a minute, a scheduled one every hour, and the old keys kept when a fetch fails.
/// </summary>
public sealed class JwksKeySourceTests : IDisposable
{
    private const string Path = "/jwks";

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestSigningKey _first = TestSigningKey.Rsa("first");
    private readonly TestSigningKey _second = TestSigningKey.Rsa("second");
    private readonly JwksKeySource _keys;

    public JwksKeySourceTests() => _keys = new JwksKeySource(new Uri(_server.Url + Path), _clock);

    private int Fetches => _server.LogEntries.Count;

    [Fact]
    public async Task GetConfiguration_ManyConcurrentCallersOnFirstUse_OneFetch()
    {
        Publish(_first);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _keys.GetConfigurationAsync(CancellationToken.None)));

        Assert.Equal(1, Fetches);
        Assert.All(results, r => Assert.Equal("first", Assert.Single(r.SigningKeys).KeyId));
    }

    [Fact]
    public async Task RequestRefresh_AtMostOnceAMinute()
    {
        Publish(_first);
        await KeyIdsAsync();
        Publish(_second);

        _keys.RequestRefresh();
        var afterFirstRequest = await KeyIdsAsync();
        _keys.RequestRefresh();
        var afterSecondRequest = await KeyIdsAsync();
        _clock.Advance(JwksKeySource.MinimumRefresh);
        _keys.RequestRefresh();
        await KeyIdsAsync();

        Assert.Equal("second", afterFirstRequest);
        Assert.Equal("second", afterSecondRequest);
        Assert.Equal(3, Fetches);
    }

    [Fact]
    public async Task GetConfiguration_AfterTheAutomaticRefreshInterval_FetchesAgain()
    {
        Publish(_first);
        await KeyIdsAsync();
        Publish(_second);

        _clock.Advance(JwksKeySource.AutomaticRefresh - TimeSpan.FromSeconds(1));
        var before = await KeyIdsAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = await KeyIdsAsync();

        Assert.Equal(("first", "second"), (before, after));
        Assert.Equal(2, Fetches);
    }

    [Fact]
    public async Task GetConfiguration_RefreshFails_KeepsTheKeysItHad()
    {
        Publish(_first);
        await KeyIdsAsync();
        _server.ResetMappings();
        _server.Given(Request.Create().WithPath(Path)).RespondWith(Response.Create().WithStatusCode(503));

        _keys.RequestRefresh();
        var kept = await KeyIdsAsync();

        Assert.Equal("first", kept);
        Assert.Equal(2, Fetches);
    }

    [Fact]
    public async Task GetConfiguration_FirstFetchFails_ThrowsAndRetriesOnlyAfterAMinute()
    {
        _server.Given(Request.Create().WithPath(Path)).RespondWith(Response.Create().WithBody("not a key set"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _keys.GetConfigurationAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _keys.GetConfigurationAsync(CancellationToken.None));
        var fetchesWithinAMinute = Fetches;
        Publish(_first);
        _clock.Advance(JwksKeySource.MinimumRefresh);
        var recovered = await KeyIdsAsync();

        Assert.Equal(1, fetchesWithinAMinute);
        Assert.Equal("first", recovered);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _server.Stop();
        _first.Dispose();
        _second.Dispose();
    }

    private void Publish(TestSigningKey key)
    {
        _server.ResetMappings();
        _server.Given(Request.Create().WithPath(Path).UsingGet()).RespondWith(Response.Create().WithBody(TestSigningKey.Jwks(key)));
    }

    private async Task<string> KeyIdsAsync() =>
        string.Join(",", (await _keys.GetConfigurationAsync(CancellationToken.None)).SigningKeys.Select(k => k.KeyId));
}
