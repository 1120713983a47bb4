using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>The gateway's outbound rate limit per source (<c>rateLimitPerSecond</c>), on a frozen clock.</summary>
public sealed class OutboundRateLimitTests : IDisposable
{
    private readonly ResilienceRig _rig = new();

    public OutboundRateLimitTests() => _rig.AnswerFound();

    public void Dispose() => _rig.Dispose();

    /// <summary>
    /// The bucket refills from the injected <see cref="TimeProvider"/> only: no wall-clock tick can let
    /// the fourth call through, and moving the clock a second on refills it.
    /// </summary>
    [Fact]
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

    /// <summary>A call over the limit with room in the queue waits for its token on the injected clock; one more is refused.</summary>
    [Fact]
    public async Task FetchItemsAsync_OnePerSecondQueueOfOne_SecondWaitsForTheClockThirdRefused()
    {
        var client = _rig.Client(ResilienceRig.Defaults with { RateLimitPerSecond = 1, QueueLimit = 1 });

        var first = await OutcomeAsync(client);
        var second = OutcomeAsync(client);
        var wait = await _rig.Clock.NextTimerAsync(due => due > TimeSpan.Zero);
        var third = await OutcomeAsync(client);
        var requestsWhileWaiting = _rig.Requests;
        _rig.Clock.Advance(wait);

        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.Equal(["ok", "ok", "SOURCE_RATE_LIMITED (attempts 0, no HTTP status)"], [first, await second, third]);
        Assert.Equal(1, requestsWhileWaiting);
        Assert.Equal(2, _rig.Requests);
    }

    /// <summary>A queued call whose deadline passes never calls the source, so the token it waited for is not lost.</summary>
    [Fact]
    public async Task FetchItemsAsync_DeadlinePassesWhileQueued_TokenIsHandedBack()
    {
        var deadline = TimeSpan.FromMilliseconds(500);
        var client = _rig.Client(ResilienceRig.Defaults with { RateLimitPerSecond = 1, QueueLimit = 1 }, deadline);

        var first = await OutcomeAsync(client);
        var queued = OutcomeAsync(client);
        await _rig.Clock.NextTimerAsync(due => due > TimeSpan.Zero);
        _rig.Clock.Advance(deadline);
        var timedOut = await queued;
        _rig.Clock.Advance(TimeSpan.FromSeconds(1) - deadline);
        var oneSecondOn = await OutcomeAsync(client);

        Assert.Equal(["ok", "SOURCE_TIMEOUT (attempts 0, no HTTP status)", "ok"], [first, timedOut, oneSecondOn]);
        Assert.Equal(2, _rig.Requests);
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
