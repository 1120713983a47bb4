using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;
using Polly;
using Polly.Retry;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// Whether a failed attempt is tried again, and after how long: only a transient failure (of a write,
/// only what <see cref="WriteSafety"/> allows),
/// only while retries and the retry budget last, and only when the wait (the source's Retry-After,
/// else exponential backoff with jitter) ends before the call's deadline. A wait past the deadline
/// would only turn the real failure into a timeout, so the call fails at once with the real one.
/// The wait is chosen here, before that decision; Polly computes its own backoff only after it.
/// </summary>
public sealed class SourceRetry(RetryConfig config, CallDeadline deadline, RetryBudget budget, TimeProvider time)
{
    private static readonly ResiliencePropertyKey<TimeSpan> ChosenDelay = new("crmfed.retry-delay");

    public RetryStrategyOptions<SourceAnswer> Options => new()
    {
        MaxRetryAttempts = config.MaxRetries,

        // Polly's own backoff, computed after ShouldHandle, is always replaced by the delay chosen there.
        BackoffType = DelayBackoffType.Constant,
        Delay = TimeSpan.Zero,
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(ChosenDelay, TimeSpan.Zero)),
        ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
    };

    private bool ShouldRetry(Outcome<SourceAnswer> outcome, int attemptNumber, ResilienceContext context)
    {
        // Polly asks after the last attempt too; only a retry that will happen spends the budget.
        if (!SourceOutcome.IsWorthRetrying(outcome) || !WriteSafety.MayResend(outcome, context) || attemptNumber >= config.MaxRetries)
        {
            return false;
        }

        var delay = RetryAfter.Of(outcome.Result?.Response, time) ?? Backoff(attemptNumber);
        if (delay >= deadline.Remaining(context) || !budget.TryWithdraw())
        {
            return false;
        }

        context.Properties.Set(ChosenDelay, delay);
        return true;
    }

    /// <summary>
    /// Base delay doubled per retry up to the maximum, then between half of that and all of it, so that
    /// callers who failed together do not come back together.
    /// </summary>
    private TimeSpan Backoff(int attemptNumber)
    {
        var ceiling = Math.Min(config.MaxDelayMs, config.BaseDelayMs * Math.Pow(2, attemptNumber));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
