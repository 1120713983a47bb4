using System.Threading.RateLimiting;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// The outbound rate limit of one source: a token bucket holding at most <c>perSecond</c> tokens that
/// refills continuously from the injected <see cref="TimeProvider"/> (no timer), like
/// <see cref="RetryBudget"/>. A call over the limit waits its turn while the queue has room, and is
/// refused once it has none.
/// </summary>
public sealed class OutboundRateLimiter : RateLimiter
{
    private readonly int _perSecond;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastRefill;
    private int _queued;
    private long _granted;
    private long _refused;

    public OutboundRateLimiter(int perSecond, int queueLimit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        _perSecond = perSecond;
        _queueLimit = queueLimit;
        _time = time;
        _tokens = perSecond;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>Not tracked: only a partitioned limiter reads it, to drop idle limiters; this one lives as long as its source's config.</summary>
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)Math.Max(0, Math.Floor(_tokens)),
                CurrentQueuedCount = _queued,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ThrowIfMoreThanBucket(permitCount);
        lock (_gate)
        {
            return TryTake(permitCount) ? RateLease.Granted : Refuse();
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ThrowIfMoreThanBucket(permitCount);
        TimeSpan wait;
        lock (_gate)
        {
            if (TryTake(permitCount))
            {
                return RateLease.Granted;
            }

            // Asking for no permits only asks whether one is left; there is nothing to wait for.
            if (permitCount == 0 || _queued + permitCount > _queueLimit)
            {
                return Refuse();
            }

            // Take the tokens now, into debt: later callers see the debt and queue behind this one,
            // and the wait is exactly the time the bucket needs to pay it back.
            _tokens -= permitCount;
            _queued += permitCount;
            wait = TimeSpan.FromSeconds(-_tokens / _perSecond);
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                // A caller that gives up (its deadline passed) hands back the tokens it took into debt.
                _queued -= permitCount;
                Refill();
                _tokens = Math.Min(_tokens + permitCount, _perSecond);
            }

            throw;
        }

        lock (_gate)
        {
            _queued -= permitCount;
            _granted++;
        }

        return RateLease.Granted;
    }

    private void ThrowIfMoreThanBucket(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _perSecond);

    /// <summary>Takes the permits if the bucket holds them; asking for none tells whether a permit is left.</summary>
    private bool TryTake(int permitCount)
    {
        Refill();
        if (_tokens < Math.Max(permitCount, 1))
        {
            return false;
        }

        _tokens -= permitCount;
        _granted++;
        return true;
    }

    private RateLimitLease Refuse()
    {
        _refused++;
        return RateLease.Refused;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _perSecond), _perSecond);
        _lastRefill = now;
    }
}
