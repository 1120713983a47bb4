using System.Net;
using System.Threading.RateLimiting;
using CrmFederation.Gateway.Sources;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// Builds one Polly pipeline per source, from the outside in: the call's overall deadline, retries of
/// transient failures (honouring Retry-After, within the retry budget), the circuit breaker, the
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
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = config.Retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(config.Retry.BaseDelayMs),
                MaxDelay = TimeSpan.FromMilliseconds(config.Retry.MaxDelayMs),

                // Replaced by the generator below: the built-in one reads a Retry-After date on the system clock.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Of(args.Outcome.Result, time)),

                // Polly asks after the last attempt too; only a retry that will happen spends the budget.
                ShouldHandle = args => new ValueTask<bool>(
                    IsTransient(args.Outcome)
                    && args.AttemptNumber < config.Retry.MaxRetries
                    && !WaitsPastDeadline(args.Outcome, deadline.Remaining(args.Context))
                    && budget.TryWithdraw()),
            });
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

    /// <summary>A Retry-After longer than what is left of the call's deadline: waiting would only turn "rate limited" into "timed out".</summary>
    private bool WaitsPastDeadline(Outcome<HttpResponseMessage> outcome, TimeSpan remaining) =>
        RetryAfter.Of(outcome.Result, time) is { } wait && wait >= remaining;

    /// <summary>
    /// Worth another attempt: a refused or lost connection, an attempt timeout, 408, 429 or a 5xx. The one
    /// request in the pipeline that is not a read, the OAuth2 token POST, reports its failures as
    /// <see cref="SourceException"/>, which is never transient here, so it is not sent again.
    /// </summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Exception is { } exception && TransportFailure.Is(exception))
        || HttpClientResiliencePredicates.IsTransient(outcome);

    /// <summary>Counts against the breaker: the source is failing (429 is the source protecting itself, not failing).</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Exception is { } exception && TransportFailure.Is(exception))
        || (outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout));
}
