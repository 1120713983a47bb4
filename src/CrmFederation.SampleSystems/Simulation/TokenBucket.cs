namespace CrmFederation.SampleSystems.Simulation;

/// <summary>
/// A token bucket of one second's worth of requests, refilled continuously: bursts up to the rate
/// pass, anything above it is refused with how long until the next token (at least one second,
/// since <c>Retry-After</c> counts whole seconds).
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilledAt;

    public TokenBucket(double ratePerSecond, TimeProvider time)
    {
        _ratePerSecond = ratePerSecond;
        _capacity = Math.Max(1, ratePerSecond);
        _time = time;
        _tokens = _capacity;
        _refilledAt = time.GetTimestamp();
    }

    public bool TryTake(out int retryAfterSeconds)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _ratePerSecond));
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfterSeconds = 0;
                return true;
            }

            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / _ratePerSecond));
            return false;
        }
    }
}
