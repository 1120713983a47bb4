using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// The outbound rate limit of one source, shared by every gateway instance using the same Redis: the
/// bucket lives there (<see cref="RedisTokenBuckets"/>), so N instances together call the source at
/// most <c>perSecond</c> times a second, after a burst of at most that many. A call over the limit
/// waits its turn while the queue has room (its tokens taken into the shared bucket's debt, which is
/// bounded by the queue limit) and is refused once it has none, as with the local limit. While Redis
/// cannot be asked, each instance falls back to its own <see cref="OutboundRateLimiter"/> of the same
/// rate, and returns to the shared bucket as soon as Redis answers again.
/// </summary>
public sealed class SharedOutboundRateLimiter : RateLimiter
{
    private readonly RedisTokenBuckets _buckets;
    private readonly RedisKey _bucket;
    private readonly int _perSecond;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private readonly OutboundRateLimiter _local;
    private long _granted;
    private long _refused;
    private long _queued;

    /// <summary>The shared bucket's tokens as of the last answer from Redis; NaN while the local bucket is in use.</summary>
    private double _sharedTokensLeft = double.NaN;

    public SharedOutboundRateLimiter(RedisTokenBuckets buckets, string source, int perSecond, int queueLimit, TimeProvider time)
    {
        _buckets = buckets;
        _bucket = buckets.KeyOf(source, perSecond);
        _perSecond = perSecond;
        _queueLimit = queueLimit;
        _time = time;
        _local = new OutboundRateLimiter(perSecond, queueLimit, time);
    }

    /// <summary>Not tracked, as for the local limit: this limiter lives as long as its source's config.</summary>
    public override TimeSpan? IdleDuration => null;

    /// <summary>Whether the last call was decided by the shared bucket (false: by this instance's own, Redis being unavailable).</summary>
    public bool IsShared => !double.IsNaN(Volatile.Read(ref _sharedTokensLeft));

    public override RateLimiterStatistics GetStatistics()
    {
        var local = _local.GetStatistics()!;
        var shared = Volatile.Read(ref _sharedTokensLeft);
        return new RateLimiterStatistics
        {
            CurrentAvailablePermits = double.IsNaN(shared) ? local.CurrentAvailablePermits : (long)Math.Max(0, Math.Floor(shared)),
            CurrentQueuedCount = local.CurrentQueuedCount + Interlocked.Read(ref _queued),
            TotalSuccessfulLeases = local.TotalSuccessfulLeases + Interlocked.Read(ref _granted),
            TotalFailedLeases = local.TotalFailedLeases + Interlocked.Read(ref _refused),
        };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _perSecond);
        if (_buckets.Take(_bucket, _perSecond, permitCount) is not { } answer)
        {
            Volatile.Write(ref _sharedTokensLeft, double.NaN);
            return _local.AttemptAcquire(permitCount);
        }

        Volatile.Write(ref _sharedTokensLeft, answer.TokensLeft);
        return Count(answer.Acquired);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _perSecond);
        if (await _buckets.TakeAsync(_bucket, _perSecond, permitCount, _queueLimit) is not { } answer)
        {
            Volatile.Write(ref _sharedTokensLeft, double.NaN);
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }

        Volatile.Write(ref _sharedTokensLeft, answer.TokensLeft);
        if (answer.Acquired && answer.Wait > TimeSpan.Zero)
        {
            await WaitForDebtAsync(permitCount, answer.Wait, cancellationToken);
        }

        return Count(answer.Acquired);
    }

    /// <summary>Waits until the bucket has paid back the tokens taken into debt; a caller that gives up (its deadline passed) hands them back.</summary>
    private async Task WaitForDebtAsync(int permitCount, TimeSpan wait, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _queued, permitCount);
        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _buckets.ReturnAsync(_bucket, _perSecond, permitCount);
            throw;
        }
        finally
        {
            Interlocked.Add(ref _queued, -permitCount);
        }
    }

    private RateLimitLease Count(bool acquired)
    {
        if (acquired)
        {
            Interlocked.Increment(ref _granted);
            return RateLease.Granted;
        }

        Interlocked.Increment(ref _refused);
        return RateLease.Refused;
    }
}
