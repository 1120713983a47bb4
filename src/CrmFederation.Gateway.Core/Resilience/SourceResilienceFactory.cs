using System.Threading.RateLimiting;
using CrmFederation.Gateway.Sources;
using Polly;
using Polly.CircuitBreaker;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// Builds one Polly pipeline per source, from the outside in: the call's overall deadline, retries of
/// transient failures (honouring Retry-After, within the retry budget and the deadline), the circuit breaker, the
/// concurrency limit, the outbound rate limit, and the per-attempt timeout. Only idempotent reads go
/// through it; writes are never retried blindly. With <paramref name="sharedBuckets"/> (Redis configured)
/// the outbound rate limit is shared by every instance using that Redis.
/// </summary>
public sealed class SourceResilienceFactory(TimeProvider time, RedisTokenBuckets? sharedBuckets = null)
{
    public SourceResilience Create(SourceDefinition source)
    {
        var config = source.Resilience;
        var budget = new RetryBudget(config.Retry, time);
        var deadline = new CallDeadline(source.Timeout, time);
        var circuit = new CircuitBreakerStateProvider();
        var builder = new ResiliencePipelineBuilder<SourceAnswer> { Name = source.Name, TimeProvider = time }
            .AddTimeout(deadline.Timeout);

        if (config.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new SourceRetry(config.Retry, deadline, budget, time).Options);
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<SourceAnswer>
        {
            FailureRatio = config.CircuitBreaker.FailureRatio,
            MinimumThroughput = config.CircuitBreaker.MinimumThroughput,
            SamplingDuration = TimeSpan.FromMilliseconds(config.CircuitBreaker.SamplingDurationMs),
            BreakDuration = TimeSpan.FromMilliseconds(config.CircuitBreaker.BreakDurationMs),
            StateProvider = circuit,
            ShouldHandle = args => new ValueTask<bool>(SourceOutcome.IsFailing(args.Outcome)),
        });

        var concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = config.ConcurrencyLimit,
            QueueLimit = config.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        builder.AddRateLimiter(concurrency);

        RateLimiter? rate = null;
        if (config.RateLimitPerSecond > 0)
        {
            rate = sharedBuckets is null
                ? new OutboundRateLimiter(config.RateLimitPerSecond, config.QueueLimit, time)
                : new SharedOutboundRateLimiter(sharedBuckets, source.Name, config.RateLimitPerSecond, config.QueueLimit, time);
            builder.AddRateLimiter(rate);
        }

        builder.AddTimeout(TimeSpan.FromMilliseconds(config.AttemptTimeoutMs));
        return new SourceResilience(builder.Build(), circuit, budget, concurrency, rate);
    }
}
