using System.Globalization;
using CrmFederation.Gateway.Caching;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// Token buckets kept in Redis, shared by every gateway instance using it: one Lua script takes tokens
/// (or hands them back) atomically, refilling from Redis's own clock so that instances whose clocks
/// differ still agree. While Redis is unreachable it answers null at once, and the caller falls back to
/// its local bucket: after a failed command no call tries Redis for <see cref="RetryAfterFailure"/>,
/// and none while the client reports itself disconnected, so an outage costs no call a timeout.
/// </summary>
public sealed class RedisTokenBuckets(RedisConnection redis, CacheKeyMaterial keys, RedisOutageLog outages, TimeProvider time)
{
    /// <summary>After a failed command, calls use their local buckets this long before one tries Redis again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    // KEYS[1] the bucket; ARGV[1] its rate (tokens a second, also its capacity), ARGV[2] the permits to
    // take (negative: to hand back), ARGV[3] how far into debt a caller may take them and wait.
    // Returns {acquired 0/1, seconds to wait before using them, tokens left}; numbers as strings, as
    // Redis would truncate Lua numbers to integers. The refill time is kept in whole microseconds
    // (string.format: tostring would round it to 14 digits).
    private const string Script = """
        local rate = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local queue = tonumber(ARGV[3])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or rate
        local at = tonumber(state[2]) or now
        if now > at then
          tokens = math.min(rate, tokens + (now - at) * rate / 1000000)
          at = now
        end
        local acquired = 0
        local wait = 0
        if permits < 0 then
          tokens = math.min(rate, tokens - permits)
          acquired = 1
        elseif tokens >= math.max(permits, 1) then
          tokens = tokens - permits
          acquired = 1
        elseif permits > 0 and tokens - permits >= -queue then
          tokens = tokens - permits
          wait = -tokens / rate
          acquired = 1
        end
        if acquired == 1 and permits ~= 0 then
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', string.format('%.0f', at))
          redis.call('PEXPIRE', KEYS[1], math.ceil((rate - tokens) / rate * 1000) + 1000)
        end
        return {acquired, tostring(wait), tostring(tokens)}
        """;

    private long _localUntil;

    /// <summary>
    /// The Redis key of a source's bucket: named by the HMAC of the source and its rate, like the cache's
    /// keys, so deployments with another cache key share no bucket, and a changed rate starts a full
    /// bucket instead of inheriting one sized for the old rate. (The queue limit only bounds how far
    /// callers go into debt; changing it keeps the bucket.)
    /// </summary>
    public RedisKey KeyOf(string source, int perSecond) =>
        "crmfed:rate:" + keys.KeyedName("outbound rate: " + source + "\n" + perSecond.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Takes <paramref name="permits"/> from the bucket, or into debt up to <paramref name="queueLimit"/>
    /// (the answer's wait says how long until they are paid back); null when Redis cannot be asked now.
    /// </summary>
    public async ValueTask<TokenBucketAnswer?> TakeAsync(RedisKey bucket, int perSecond, int permits, int queueLimit)
    {
        if (Database() is not { } database)
        {
            return null;
        }

        try
        {
            var answer = Read(await database.ScriptEvaluateAsync(Script, [bucket], Arguments(perSecond, permits, queueLimit)));
            outages.Succeeded();
            return answer;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
            return null;
        }
    }

    /// <summary><see cref="TakeAsync"/> for synchronous callers, without a queue: the permits now or not at all.</summary>
    public TokenBucketAnswer? Take(RedisKey bucket, int perSecond, int permits)
    {
        if (Database() is not { } database)
        {
            return null;
        }

        try
        {
            var answer = Read(database.ScriptEvaluate(Script, [bucket], Arguments(perSecond, permits, queueLimit: 0)));
            outages.Succeeded();
            return answer;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
            return null;
        }
    }

    /// <summary>Hands back permits taken into debt by a caller that gave up waiting; lost if Redis cannot be reached (the bucket then only refills later).</summary>
    public async ValueTask ReturnAsync(RedisKey bucket, int perSecond, int permits) =>
        await TakeAsync(bucket, perSecond, -permits, queueLimit: 0);

    private IDatabase? Database()
    {
        if (time.GetTimestamp() < Interlocked.Read(ref _localUntil))
        {
            return null;
        }

        // The connection is made at start-up (the invalidation backplane subscribes then); a call never waits for it.
        var connecting = redis.ConnectAsync();
        return connecting.IsCompletedSuccessfully && connecting.Result.IsConnected ? connecting.Result.GetDatabase() : null;
    }

    private void Failed(Exception exception)
    {
        Interlocked.Exchange(ref _localUntil, time.GetTimestamp() + (long)(RetryAfterFailure.TotalSeconds * time.TimestampFrequency));
        outages.Failed(exception);
    }

    private static RedisValue[] Arguments(int perSecond, int permits, int queueLimit) => [perSecond, permits, queueLimit];

    private static TokenBucketAnswer Read(RedisResult result)
    {
        var values = (RedisResult[])result!;
        return new TokenBucketAnswer(
            (int)values[0] == 1,
            TimeSpan.FromSeconds(double.Parse((string)values[1]!, CultureInfo.InvariantCulture)),
            double.Parse((string)values[2]!, CultureInfo.InvariantCulture));
    }
}
