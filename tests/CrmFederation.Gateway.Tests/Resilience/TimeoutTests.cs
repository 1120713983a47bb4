using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// The per-attempt timeout against the call's overall deadline (the source's timeoutMs), on a frozen
/// clock: the upstream holds requests, and the test moves the clock once it has seen each one arrive.
/// </summary>
public sealed class TimeoutTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(100);

    private static readonly ResilienceConfig Config = ResilienceRig.Defaults with
    {
        AttemptTimeoutMs = (int)AttemptTimeout.TotalMilliseconds,
        Retry = new RetryConfig { MaxRetries = 5, BaseDelayMs = 100, MaxDelayMs = (int)MaxBackoff.TotalMilliseconds },
    };

    private readonly ResilienceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task FetchItemsAsync_AttemptSlowerThanAttemptTimeout_IsRetriedAndRetrySucceeds()
    {
        using var upstream = WireTurnstile.HoldFirst();
        _rig.Answer(upstream.Answer(ResilienceRig.FoundBody));
        var client = _rig.Client(Config, Deadline);

        var fetch = _rig.FetchAsync(client);
        await upstream.ArrivedAsync(1);
        _rig.Clock.Advance(AttemptTimeout);
        await _rig.Clock.AdvanceThroughDelayAsync(MaxBackoff);
        var items = await fetch;

        Assert.Single(items);
        Assert.Equal(2, upstream.Arrivals);
        Assert.Equal([2], _rig.ReportedAttempts);
    }

    [Fact]
    public async Task FetchItemsAsync_SourceAlwaysSlow_FailsWithTimeoutOnceDeadlinePasses()
    {
        using var upstream = WireTurnstile.HoldAll();
        _rig.Answer(upstream.Answer(ResilienceRig.FoundBody));
        var client = _rig.Client(Config, Deadline);
        var started = _rig.Clock.GetUtcNow();

        // Two attempts time out (8 s plus two backoffs); the third is cut by the 10 s deadline, not by its own timeout.
        var fetch = _rig.FailureAsync(client);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await upstream.ArrivedAsync(attempt);
            _rig.Clock.Advance(AttemptTimeout);
            await _rig.Clock.AdvanceThroughDelayAsync(MaxBackoff);
        }

        await upstream.ArrivedAsync(3);
        _rig.Clock.Advance(started + Deadline - _rig.Clock.GetUtcNow());
        var failure = await fetch;

        Assert.Equal(SourceErrorCode.Timeout, failure.Code);
        Assert.Null(failure.HttpStatus);
        Assert.Equal(3, failure.Attempts);
        Assert.Equal("closed", failure.CircuitState);
        Assert.Equal(3, upstream.Arrivals);
    }

    [Fact]
    public async Task FetchItemsAsync_AttemptTimeouts_CountAsCircuitFailures()
    {
        using var upstream = WireTurnstile.HoldAll();
        _rig.Answer(upstream.Answer(ResilienceRig.FoundBody));
        var client = _rig.Client(Config with
        {
            Retry = new RetryConfig { MaxRetries = 0 },
            // The window spans all four calls (4 s of clock each).
            CircuitBreaker = new CircuitBreakerConfig { MinimumThroughput = 4, FailureRatio = 0.5, SamplingDurationMs = 60_000 },
        }, Deadline);

        var failures = new List<SourceException>();
        for (var call = 1; call <= 4; call++)
        {
            var fetch = _rig.FailureAsync(client);
            await upstream.ArrivedAsync(call);
            _rig.Clock.Advance(AttemptTimeout);
            failures.Add(await fetch);
        }

        var refused = await _rig.FailureAsync(client);

        Assert.All(failures, failure => Assert.Equal(SourceErrorCode.Timeout, failure.Code));
        Assert.Equal("open", failures[^1].CircuitState);
        Assert.Equal(SourceErrorCode.Unavailable, refused.Code);
        Assert.Equal(0, refused.Attempts);
        Assert.Equal(4, upstream.Arrivals);
    }
}
