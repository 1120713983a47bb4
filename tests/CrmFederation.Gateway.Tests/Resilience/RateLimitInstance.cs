using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Tests.Caching;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// What one gateway instance has for the shared outbound rate limits: its own Redis connection (so two
/// of these are two instances to Redis) and its <see cref="RedisTokenBuckets"/>, named with the
/// deployment's cache key, on the real clock.
/// </summary>
public sealed class RateLimitInstance : IAsyncDisposable
{
    private readonly RedisConnection _connection;

    private RateLimitInstance(RedisConnection connection, CacheKeyMaterial keys)
    {
        _connection = connection;
        Buckets = new RedisTokenBuckets(connection, keys, new RedisOutageLog(TimeProvider.System, NullLogger<RedisOutageLog>.Instance), TimeProvider.System);
    }

    public RedisTokenBuckets Buckets { get; }

    /// <summary>An instance connected to <paramref name="redis"/> (connected first, as the gateway is once started).</summary>
    public static async Task<RateLimitInstance> StartAsync(RedisServer redis, CacheKeyMaterial keys)
    {
        var connection = new RedisConnection(redis.ConnectionString);
        await connection.ConnectAsync();
        return new RateLimitInstance(connection, keys);
    }

    /// <summary>This instance's limiter of source "crm".</summary>
    public SharedOutboundRateLimiter Limiter(int perSecond, int queueLimit = 0) => new(Buckets, "crm", perSecond, queueLimit, TimeProvider.System);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
