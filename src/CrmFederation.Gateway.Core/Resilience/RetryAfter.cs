namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// How long a response asks the gateway to wait before calling again. A Retry-After date is measured
/// on the injected clock, so that the wait and the check against the deadline agree.
/// </summary>
public static class RetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage? response, TimeProvider time) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => Until(date, time),
        _ => null,
    };

    private static TimeSpan Until(DateTimeOffset date, TimeProvider time)
    {
        var left = date - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
