using StackExchange.Redis;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>Waiting for what the gateway writes to Redis: L2 writes follow the response (write-behind), so a test waits for them to land.</summary>
public static class RedisKeys
{
    /// <summary>Only guards against a hang when the awaited keys never appear.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    /// <summary>Completes once the server holds at least <paramref name="count"/> keys (no format assumed); <paramref name="writer"/>'s log explains a failure.</summary>
    public static async Task<IReadOnlyList<RedisKey>> WaitForKeysAsync(this RedisServer redis, int count, CacheGateway? writer = null)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var keys = await redis.KeysAsync();
            if (keys.Count >= count)
            {
                return keys;
            }

            Assert.False(guard.IsCancellationRequested, $"Expected at least {count} keys in Redis; found {keys.Count}: {string.Join(", ", keys)}\nThe writer's log:\n{writer?.Log}");
            await Task.Delay(10);
        }
    }
}
