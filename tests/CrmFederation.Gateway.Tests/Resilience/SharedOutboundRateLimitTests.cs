using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.Caching;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// The outbound rate limit shared through a real <c>redis-server</c> by two instances, each with its own
/// connection. The bucket refills from Redis's clock, so bounds are checked against the time a burst
/// took: at most the rate's burst plus what the bucket refilled meanwhile, where two local limits
/// would each have let a full burst through.
/// </summary>
public sealed class SharedOutboundRateLimitTests : IAsyncLifetime
{
    /// <summary>Only guards against a hang when the client never reconnects.</summary>
    private static readonly TimeSpan ReconnectGuard = TimeSpan.FromSeconds(60);

    private readonly CacheKeyMaterial _keys = new(RandomNumberGenerator.GetBytes(32));
    private RedisServer _redis = null!;
    private RateLimitInstance _first = null!;
    private RateLimitInstance _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _first = await RateLimitInstance.StartAsync(_redis, _keys);
        _second = await RateLimitInstance.StartAsync(_redis, _keys);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_TwoInstancesBurstAtOnce_TogetherNeverMoreThanTheRate()
    {
        const int Rate = 5;
        var (first, second) = (_first.Limiter(Rate), _second.Limiter(Rate));

        var burst = Stopwatch.StartNew();
        var leases = await Task.WhenAll(Enumerable.Range(0, 20).SelectMany(_ => new[] { first, second }).Select(limiter => limiter.AcquireAsync().AsTask()));
        burst.Stop();

        var granted = leases.Count(lease => lease.IsAcquired);
        Assert.InRange(granted, Rate, Allowed(Rate, burst.Elapsed));
        Assert.True(first.IsShared && second.IsShared);
    }

    [Fact]
    public void AttemptAcquire_TwoInstances_TakeFromTheSameBucket()
    {
        const int Rate = 3;
        var (first, second) = (_first.Limiter(Rate), _second.Limiter(Rate));

        var burst = Stopwatch.StartNew();
        var granted = Enumerable.Range(0, 10).SelectMany(_ => new[] { first, second }).Count(limiter => limiter.AttemptAcquire().IsAcquired);
        burst.Stop();

        Assert.InRange(granted, Rate, Allowed(Rate, burst.Elapsed));
    }

    /// <summary>Over the limit with room in the queue, a call waits for the shared bucket to pay its debt; the queue is shared too.</summary>
    [Fact]
    public async Task AcquireAsync_OverTheRateWithQueueRoom_QueuedAcrossInstancesUntilTheQueueIsFull()
    {
        var (first, second) = (_first.Limiter(perSecond: 1, queueLimit: 2), _second.Limiter(perSecond: 1, queueLimit: 2));
        Assert.True((await first.AcquireAsync()).IsAcquired);

        var queuedOnSecond = second.AcquireAsync().AsTask();
        var queuedOnFirst = first.AcquireAsync().AsTask();
        await WhenQueuedAsync(second, first);
        var overTheQueue = await second.AcquireAsync();

        Assert.False(overTheQueue.IsAcquired);
        Assert.True((await queuedOnSecond).IsAcquired);
        Assert.True((await queuedOnFirst).IsAcquired);
        Assert.Equal(0, first.GetStatistics()!.CurrentQueuedCount + second.GetStatistics()!.CurrentQueuedCount);
    }

    /// <summary>A queued call that gives up hands its tokens back to the shared bucket, so the next one finds the queue free again.</summary>
    [Fact]
    public async Task AcquireAsync_QueuedCallCancelled_TokensHandedBackToTheSharedBucket()
    {
        var (first, second) = (_first.Limiter(perSecond: 1, queueLimit: 1), _second.Limiter(perSecond: 1, queueLimit: 1));
        Assert.True((await first.AcquireAsync()).IsAcquired);
        using var giveUp = new CancellationTokenSource();
        var queued = second.AcquireAsync(1, giveUp.Token).AsTask();
        await WhenQueuedAsync(second);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        var next = await first.AcquireAsync();

        Assert.True(next.IsAcquired, "the cancelled call's token was not handed back: the queue stayed full");
    }

    /// <summary>A rate change (a config reload) starts a full bucket of the new size, not one drained at the old rate.</summary>
    [Fact]
    public void AttemptAcquire_RateChanged_NewBucketStartsFull()
    {
        var before = _first.Limiter(3);
        while (before.AttemptAcquire().IsAcquired)
        {
        }

        var after = _second.Limiter(4);

        Assert.Equal(4, Enumerable.Range(0, 4).Count(_ => after.AttemptAcquire().IsAcquired));
    }

    /// <summary>Redis sees an opaque name per source and rate, like the cache's keys, that expires once the bucket would be full again.</summary>
    [Fact]
    public async Task AttemptAcquire_BucketInRedis_KeyedNameWithoutTheSourceExpiringWhenFull()
    {
        _first.Limiter(2).AttemptAcquire();

        var key = Assert.Single(await _redis.KeysAsync()).ToString();
        var ttl = await (await _redis.DatabaseAsync()).KeyTimeToLiveAsync(key);

        Assert.Equal((string)_first.Buckets.KeyOf("crm", 2)!, key);
        Assert.StartsWith("crmfed:rate:", key, StringComparison.Ordinal);
        Assert.DoesNotContain("crm", key["crmfed:rate:".Length..], StringComparison.Ordinal);
        Assert.NotEqual(_first.Buckets.KeyOf("crm", 2), _first.Buckets.KeyOf("crm", 3));
        Assert.NotEqual(_first.Buckets.KeyOf("crm", 2), _first.Buckets.KeyOf("erp", 2));
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
    }

    /// <summary>
    /// With Redis gone each instance keeps the limit on its own (a full bucket each, where the shared one
    /// was drained), and once Redis is back and the clients have reconnected, they share it again.
    /// </summary>
    [Fact]
    public async Task AcquireAsync_RedisStoppedThenRestarted_LocalLimitsThenSharedAgain()
    {
        const int Rate = 3;
        var (first, second) = (_first.Limiter(Rate), _second.Limiter(Rate));
        var shared = await GrantedAsync([first, second]);
        Assert.InRange(shared.Granted, Rate, Allowed(Rate, shared.Elapsed));

        await _redis.KillAsync();
        var onFirst = await GrantedAsync([first]);
        var onSecond = await GrantedAsync([second]);

        Assert.InRange(onFirst.Granted, Rate, Allowed(Rate, onFirst.Elapsed));
        Assert.InRange(onSecond.Granted, Rate, Allowed(Rate, onSecond.Elapsed));
        Assert.False(first.IsShared || second.IsShared);

        await _redis.RestartAsync();
        using var guard = new CancellationTokenSource(ReconnectGuard);
        while (!(first.IsShared && second.IsShared))
        {
            Assert.False(guard.IsCancellationRequested, $"The limiters did not use the restarted Redis within {ReconnectGuard}. {_redis}");
            await Task.Delay(100);
            await first.AcquireAsync();
            await second.AcquireAsync();
        }

        await _redis.FlushAsync();
        var sharedAgain = await GrantedAsync([first, second]);
        Assert.InRange(sharedAgain.Granted, Rate, Allowed(Rate, sharedAgain.Elapsed));
    }

    /// <summary>Through the source's resilience pipeline: calls over the shared limit end as SOURCE_RATE_LIMITED without reaching the source.</summary>
    [Fact]
    public async Task FetchItemsAsync_TwoInstancesOverTheSharedLimit_SourceSeesTheRateTheRestAreRateLimited()
    {
        using var rig = new ResilienceRig();
        rig.AnswerFound();
        var config = ResilienceRig.Defaults with { RateLimitPerSecond = 2, QueueLimit = 0 };
        var clients = new[] { rig.Client(config, _first.Buckets), rig.Client(config, _second.Buckets) };

        var burst = Stopwatch.StartNew();
        var outcomes = new List<string>();
        foreach (var client in Enumerable.Range(0, 4).SelectMany(_ => clients))
        {
            try
            {
                await rig.FetchAsync(client);
                outcomes.Add("ok");
            }
            catch (SourceException failure)
            {
                outcomes.Add(failure.Code);
            }
        }

        burst.Stop();
        Assert.InRange(rig.Requests, 2, Allowed(2, burst.Elapsed));
        Assert.Equal(rig.Requests, outcomes.Count(outcome => outcome == "ok"));
        Assert.All(outcomes.Where(outcome => outcome != "ok"), outcome => Assert.Equal(SourceErrorCode.RateLimited, outcome));
    }

    /// <summary>The burst plus what the bucket refilled while the calls were made.</summary>
    private static int Allowed(int rate, TimeSpan elapsed) => rate + (int)Math.Floor(rate * elapsed.TotalSeconds);

    /// <summary>How many of ten acquisitions on each limiter, made one after another, were granted, and how long they took.</summary>
    private static async Task<(int Granted, TimeSpan Elapsed)> GrantedAsync(IReadOnlyList<RateLimiter> limiters)
    {
        var clock = Stopwatch.StartNew();
        var granted = 0;
        foreach (var limiter in Enumerable.Range(0, 10).SelectMany(_ => limiters))
        {
            granted += (await limiter.AcquireAsync()).IsAcquired ? 1 : 0;
        }

        return (granted, clock.Elapsed);
    }

    private static async Task WhenQueuedAsync(params RateLimiter[] limiters)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (limiters.Any(limiter => limiter.GetStatistics()!.CurrentQueuedCount == 0))
        {
            await Task.Delay(5, guard.Token);
        }
    }
}
