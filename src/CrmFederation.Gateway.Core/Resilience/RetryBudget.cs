using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// A token bucket that only retries fill from: every first attempt adds <c>budgetRatio</c> of a token,
/// every retry takes one, plus a small allowance per second. During an outage the first attempts keep
/// failing but retries stop at roughly ratio × traffic instead of multiplying it.
/// </summary>
public sealed class RetryBudget(RetryConfig config, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = config.BudgetMinimumPerSecond;
    private long _lastRefill = time.GetTimestamp();

    public void RecordAttempt()
    {
        lock (_gate)
        {
            Refill();
            _tokens = Math.Min(_tokens + config.BudgetRatio, Capacity);
        }
    }

    public bool TryWithdraw()
    {
        lock (_gate)
        {
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    private double Capacity => Math.Max(10, config.BudgetMinimumPerSecond * 10);

    private void Refill()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(_tokens + (elapsed * config.BudgetMinimumPerSecond), Capacity);
    }
}
