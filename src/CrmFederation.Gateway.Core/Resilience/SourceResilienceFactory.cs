using System.Net;
using System.Threading.RateLimiting;
using CrmFederation.Gateway.Sources;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// Builds one Polly pipeline per source, from the outside in: the call's overall deadline, retries of
/// transient failures (honouring Retry-After, within the retry budget and the deadline), the circuit breaker, the
/// concurrency limit, the outbound rate limit, and the per-attempt timeout. Only idempotent reads go
/// through it; writes are never retried blindly.
/// </summary>
public sealed class SourceResilienceFactory(TimeProvider time)
{
    public SourceResilience Create(SourceDefinition source)
    {
        var config = source.Resilience;
        var budget = new RetryBudget(config.Retry, time);
        var deadline = new CallDeadline(source.Timeout, time);
        var circuit = new CircuitBreakerStateProvider();
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = source.Name, TimeProvider = time }
            .AddTimeout(deadline.Timeout);

        if (config.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new SourceRetry(config.Retry, deadline, budget, time).Options);
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = config.CircuitBreaker.FailureRatio,
            MinimumThroughput = config.CircuitBreaker.MinimumThroughput,
            SamplingDuration = TimeSpan.FromMilliseconds(config.CircuitBreaker.SamplingDurationMs),
            BreakDuration = TimeSpan.FromMilliseconds(config.CircuitBreaker.BreakDurationMs),
            StateProvider = circuit,
            ShouldHandle = args => new ValueTask<bool>(IsFailure(args.Outcome)),
        });

        var concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = config.ConcurrencyLimit,
            QueueLimit = config.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        builder.AddRateLimiter(concurrency);

        OutboundRateLimiter? rate = null;
        if (config.RateLimitPerSecond > 0)
        {
            rate = new OutboundRateLimiter(config.RateLimitPerSecond, config.QueueLimit, time);
            builder.AddRateLimiter(rate);
        }

        builder.AddTimeout(TimeSpan.FromMilliseconds(config.AttemptTimeoutMs));
        return new SourceResilience(builder.Build(), circuit, budget, concurrency, rate);
    }

    /// <summary>
    /// Counts against the breaker: the source is down or overloaded. 429 is the source protecting itself,
    /// not failing; a transport failure that is not transient (a bad certificate, an unreadable answer)
    /// is a fault of configuration or of the source's HTTP that an open circuit would only hide.
    /// </summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Exception is { } exception && TransientTransportFailure.Is(exception))
        || (outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout));
}
