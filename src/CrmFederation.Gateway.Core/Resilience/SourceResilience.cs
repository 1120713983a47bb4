using CrmFederation.Gateway.Sources;
using Polly;
using Polly.CircuitBreaker;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// One source's resilience pipeline, with the breaker state and retry budget it reports from. Disposed
/// (its limiters) only once no request can use it any more.
/// </summary>
public sealed class SourceResilience(
    ResiliencePipeline<SourceAnswer> pipeline,
    CircuitBreakerStateProvider circuit,
    RetryBudget budget,
    System.Threading.RateLimiting.RateLimiter concurrency,
    System.Threading.RateLimiting.RateLimiter? rate) : IDisposable
{
    public static readonly ResiliencePropertyKey<int> Attempts = new("crmfed.attempts");

    public ResiliencePipeline<SourceAnswer> Pipeline { get; } = pipeline;

    public CircuitBreakerStateProvider Circuit { get; } = circuit;

    public RetryBudget Budget { get; } = budget;

    /// <summary>Free slots of the concurrency limit right now.</summary>
    public long ConcurrencyHeadroom => concurrency.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Calls the outbound rate limit would let through at once right now; null when unlimited.</summary>
    public long? RateHeadroom => rate?.GetStatistics()?.CurrentAvailablePermits;

    /// <summary>The breaker's state in the lower-case words error extensions and the status page use.</summary>
    public string CircuitState => Circuit.CircuitState switch
    {
        Polly.CircuitBreaker.CircuitState.Closed => "closed",
        Polly.CircuitBreaker.CircuitState.Open or Polly.CircuitBreaker.CircuitState.Isolated => "open",
        Polly.CircuitBreaker.CircuitState.HalfOpen => "half-open",
        _ => "unknown",
    };

    public void Dispose()
    {
        concurrency.Dispose();
        rate?.Dispose();
    }
}
