namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Per-source resilience (Polly v8). Every call: an overall deadline (the source's <c>timeoutMs</c>),
/// retries of idempotent reads within a budget, a circuit breaker, a concurrency limit and an outbound
/// rate limit, and a timeout per attempt.
/// </summary>
public sealed record ResilienceConfig
{
    public int AttemptTimeoutMs { get; init; } = 2000;

    public RetryConfig Retry { get; init; } = new();

    public CircuitBreakerConfig CircuitBreaker { get; init; } = new();

    /// <summary>Calls in flight to this source at once (bulkhead); more wait in a queue of <see cref="QueueLimit"/>.</summary>
    public int ConcurrencyLimit { get; init; } = 64;

    public int QueueLimit { get; init; } = 256;

    /// <summary>Outbound calls per second allowed to this source; 0 means unlimited.</summary>
    public int RateLimitPerSecond { get; init; }
}

public sealed record RetryConfig
{
    /// <summary>Retries after the first attempt (0 disables retries).</summary>
    public int MaxRetries { get; init; } = 2;

    public int BaseDelayMs { get; init; } = 100;

    public int MaxDelayMs { get; init; } = 2000;

    /// <summary>Retries may add at most this share of the source's recent call volume, so an outage is not amplified.</summary>
    public double BudgetRatio { get; init; } = 0.2;

    /// <summary>Retries always allowed per second, so a quiet source can still retry.</summary>
    public int BudgetMinimumPerSecond { get; init; } = 5;
}

public sealed record CircuitBreakerConfig
{
    public double FailureRatio { get; init; } = 0.5;

    public int MinimumThroughput { get; init; } = 20;

    public int SamplingDurationMs { get; init; } = 10_000;

    public int BreakDurationMs { get; init; } = 5_000;
}
