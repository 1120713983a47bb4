using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>The gateway's outbound rate limit per source (<c>rateLimitPerSecond</c>), on a frozen clock.</summary>
public sealed class OutboundRateLimitTests : IDisposable
{
    private readonly ResilienceRig _rig = new();

    public OutboundRateLimitTests() => _rig.AnswerFound();

    public void Dispose() => _rig.Dispose();

    /// <summary>
    /// FAILS today (almost always): the token bucket is a <c>TokenBucketRateLimiter</c> with
    /// <c>AutoReplenishment</c>, which refills on a wall-clock timer and ignores the injected
    /// <see cref="TimeProvider"/>. Moving the clock a second on does not refill it, and a wall-clock
    /// tick that happens to fall inside the first four calls lets the fourth through.
    /// </summary>
    [Fact(Skip = "Known bug: the outbound token bucket refills on the wall clock, not the injected TimeProvider; replace it with a limiter that refills from TimeProvider like RetryBudget.")]
    public async Task FetchItemsAsync_ThreePerSecond_FourthRefusedUntilClockMovesOneSecond()
    {
        // No queue: a call over the limit is refused rather than parked until the next second.
        var client = _rig.Client(ResilienceRig.Defaults with { RateLimitPerSecond = 3, QueueLimit = 0 });

        var outcomes = new List<string>();
        for (var call = 0; call < 4; call++)
        {
            outcomes.Add(await OutcomeAsync(client));
        }

        var requestsInFirstSecond = _rig.Requests;
        _rig.Clock.Advance(TimeSpan.FromSeconds(1));
        outcomes.Add(await OutcomeAsync(client));

        Assert.Equal(["ok", "ok", "ok", "SOURCE_RATE_LIMITED (attempts 0, no HTTP status)", "ok"], outcomes);
        Assert.Equal(3, requestsInFirstSecond);
        Assert.Equal(4, _rig.Requests);
    }

    private async Task<string> OutcomeAsync(SourceClient client)
    {
        try
        {
            await _rig.FetchAsync(client);
            return "ok";
        }
        catch (SourceException failure)
        {
            return $"{failure.Code} (attempts {failure.Attempts}, {(failure.HttpStatus is { } status ? $"HTTP {status}" : "no HTTP status")})";
        }
    }
}
