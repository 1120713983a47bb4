using Polly;
using Polly.Timeout;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// The overall deadline of one source call, enforced by the pipeline's outermost timeout. It notes in
/// the call's resilience context when it started counting, so that a retry can tell how much is left.
/// </summary>
public sealed class CallDeadline(TimeSpan length, TimeProvider time)
{
    private static readonly ResiliencePropertyKey<long> Started = new("crmfed.deadline-started");

    public TimeoutStrategyOptions Timeout => new()
    {
        // Unused while the generator answers, but validated when the pipeline is built.
        Timeout = length,

        // Polly asks for the timeout once per call, as the call enters the strategy: the moment the deadline starts.
        TimeoutGenerator = args =>
        {
            args.Context.Properties.Set(Started, time.GetTimestamp());
            return ValueTask.FromResult(length);
        },
    };

    public TimeSpan Remaining(ResilienceContext context) =>
        context.Properties.TryGetValue(Started, out var started) ? length - time.GetElapsedTime(started) : length;
}
