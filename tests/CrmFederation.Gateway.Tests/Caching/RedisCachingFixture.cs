namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// The caching fixture with a private <c>redis-server</c> as the shared L2: every gateway it starts
/// uses that server, with the fixture's encryption key unless a test gives another. Tests of this
/// collection run one at a time and flush the server first, so each starts from an empty L2.
/// </summary>
public sealed class RedisCachingFixture : CachingSystemsFixture
{
    public RedisServer Redis { get; private set; } = null!;

    public string EncryptionKey { get; } = CacheGateway.NewEncryptionKey();

    public override async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }

    /// <summary>
    /// Brings new gateways to the state of running ones — connected to Redis, their view of past
    /// invalidations loaded — without writing anything: each looks a customer up in the cache while
    /// the CRM refuses every call (400, so nothing is retried), so the miss is not cached. A test then
    /// measures sharing between instances, not a cold client's first round trips, which the gateway
    /// bounds tightly (500 ms) and drops when they are late.
    /// </summary>
    public async Task WarmUpAsync(params CacheGateway[] gateways)
    {
        await SetFaultsAsync(Systems.CrmBaseUrl, new { down = true, errorStatus = 400 });
        foreach (var gateway in gateways)
        {
            var result = await gateway.Client.QueryAsync("""{ customer(id: "C-999997") { id } }""");
            Assert.True(result.TryGetProperty("errors", out _), "The warm-up lookup reached the CRM: " + result);
        }

        await ResetAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> CacheSettings() =>
    [
        new("Gateway:Cache:RedisConnectionString", Redis.ConnectionString),
        new("Gateway:Cache:EncryptionKey", EncryptionKey),
    ];
}

[CollectionDefinition(Name)]
public sealed class RedisCachingCollection : ICollectionFixture<RedisCachingFixture>
{
    public const string Name = "Caching with Redis as L2";
}
