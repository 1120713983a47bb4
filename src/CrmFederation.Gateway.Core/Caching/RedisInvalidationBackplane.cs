using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// Evictions between gateway instances over Redis pub/sub. HybridCache records a tag's invalidation
/// in Redis too, but an instance reads that record once per tag and keeps its copy for good, so
/// purges and webhooks are also published, sealed, on a channel every instance subscribes to at
/// start-up; each applies the others' evictions to its own cache. Redis being down loses messages
/// but nothing else: publishing logs and gives up, and the client resubscribes when it reconnects.
/// </summary>
public sealed partial class RedisInvalidationBackplane(
    RedisConnection redis,
    InvalidationMessages messages,
    CacheKeyMaterial keys,
    HybridCache cache,
    ILogger<RedisInvalidationBackplane> logger) : IInvalidationBackplane
{
    /// <summary>Named like the cache's keys (prefix, keyed name), so deployments with another cache key share no channel.</summary>
    private readonly RedisChannel _channel = RedisChannel.Literal("crmfed:" + keys.KeyedName("channel: invalidations"));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await redis.ConnectAsync().WaitAsync(cancellationToken);

            // The handler is registered before the SUBSCRIBE is sent, so even when that fails the
            // client subscribes it as soon as it (re)connects.
            await connection.GetSubscriber().SubscribeAsync(_channel, OnMessage).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSubscribeFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(string tag)
    {
        try
        {
            var connection = await redis.ConnectAsync();
            await connection.GetSubscriber().PublishAsync(_channel, messages.Seal(tag));
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex);
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message) => _ = ApplyAsync(message);

    private async Task ApplyAsync(RedisValue message)
    {
        try
        {
            switch (messages.Open((byte[])message!))
            {
                case null:
                    LogRejectedMessage(logger);
                    break;
                case { FromThisInstance: true }:
                    // Applied before it was published.
                    break;
                case { Tag: var tag }:
                    // HybridCache also rewrites the tag's record in Redis with this instance's (later)
                    // time: harmless, a later invalidation time can only evict more.
                    await cache.RemoveByTagAsync(tag);
                    break;
            }
        }
        catch (Exception ex)
        {
            LogApplyFailed(logger, ex);
        }
    }

    // Information, not a warning: the handler is registered either way and the client subscribes once it
    // connects (at start-up the subscription connection may simply not be up yet); a real outage is
    // reported by RedisOutageLog on the first cache command that fails.
    [LoggerMessage(1, LogLevel.Information, "Not yet subscribed to cache invalidations (Redis not connected); the Redis client subscribes when it connects")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Could not tell the other gateway instances of a cache eviction (Redis unavailable); they keep their entries until these expire")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "A cache invalidation message failed authentication and was ignored")]
    private static partial void LogRejectedMessage(ILogger logger);

    [LoggerMessage(4, LogLevel.Warning, "A cache invalidation from another gateway instance could not be applied")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
