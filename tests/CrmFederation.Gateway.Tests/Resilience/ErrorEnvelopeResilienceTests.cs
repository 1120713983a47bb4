using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.ResponseBuilders;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// Errors a source reports inside HTTP 200 answers go through the pipeline like the HTTP errors of their
/// kind, on a frozen clock: rate limited is retried after the backoff or Retry-After and spares the breaker,
/// unavailable is retried and opens the breaker, unauthorized and rejected are not retried.
/// </summary>
public sealed class ErrorEnvelopeResilienceTests : IDisposable
{
    private const int MinimumThroughput = 4;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(ResilienceRig.Defaults.Retry.MaxDelayMs);

    /// <summary>The Marketo shape; without a flag, so that the rig's ordinary answer is a success.</summary>
    private static readonly ErrorEnvelope Envelope = Envelopes.ErrorList(flag: false);

    private static readonly ResilienceConfig NoRetries = ResilienceRig.Defaults with
    {
        Retry = new RetryConfig { MaxRetries = 0 },
        CircuitBreaker = new CircuitBreakerConfig { MinimumThroughput = MinimumThroughput, FailureRatio = 0.5, SamplingDurationMs = 2_000, BreakDurationMs = 1_000 },
    };

    private readonly ResilienceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task FetchItemsAsync_RateLimitedEnvelopeThenItems_RetriedAfterBackoffAndSucceeds()
    {
        _rig.AnswerInTurn(Reporting("606", "Max rate limit '100' exceeded with in '20' secs"));
        var client = _rig.Client(ResilienceRig.Defaults);

        var fetch = _rig.FetchAsync(client, Envelope);
        var backoff = await _rig.Clock.NextTimerAsync(due => due >= TimeSpan.Zero && due <= MaxBackoff);
        var requestsDuringBackoff = _rig.Requests;
        _rig.Clock.Advance(backoff);
        var items = await fetch;

        Assert.Single(items);
        Assert.Equal((1, 2), (requestsDuringBackoff, _rig.Requests));
        Assert.Equal([2], _rig.ReportedAttempts);
    }

    [Fact]
    public async Task FetchItemsAsync_RateLimitedEnvelopeWithRetryAfter_WaitsForIt()
    {
        _rig.AnswerInTurn(Reporting("606", "Max rate limit exceeded").WithHeader("Retry-After", "5"));
        var client = _rig.Client(ResilienceRig.Defaults);

        var fetch = _rig.FetchAsync(client, Envelope);
        var wait = await _rig.Clock.NextTimerAsync(due => due >= TimeSpan.Zero && due < TimeSpan.FromMilliseconds(ResilienceRig.Defaults.AttemptTimeoutMs));
        _rig.Clock.Advance(wait);
        await fetch;

        Assert.True(wait >= TimeSpan.FromSeconds(5), $"The retry waited {wait} although the source asked for 5 s.");
        Assert.Equal(2, _rig.Requests);
    }

    [Theory]
    [InlineData("606", SourceErrorCode.RateLimited, 3)]
    [InlineData("611", SourceErrorCode.Unavailable, 3)]
    [InlineData("601", SourceErrorCode.Unauthorized, 1)]
    [InlineData("1003", SourceErrorCode.Rejected, 1)]
    public async Task FetchItemsAsync_EnvelopeErrorEveryTime_RetriedOnlyWhenItsKindIs(string code, string kind, int attempts)
    {
        _rig.Answer(Reporting(code, "failed"));
        var client = _rig.Client(ResilienceRig.Defaults);

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client, Envelope), MaxBackoff);

        Assert.Equal((kind, 200, code, "failed"), (failure.Code, failure.HttpStatus, failure.UpstreamCode, failure.UpstreamMessage));
        Assert.Equal((attempts, attempts), (failure.Attempts, _rig.Requests));
    }

    [Theory]
    [InlineData("611", "open")]
    [InlineData("606", "closed")]
    [InlineData("1003", "closed")]
    public async Task FetchItemsAsync_EnvelopeErrors_OpenTheCircuitOnlyWhenTheSourceIsUnavailable(string code, string circuitAfter)
    {
        _rig.Answer(Reporting(code, "failed"));
        var client = _rig.Client(NoRetries);

        for (var call = 0; call < MinimumThroughput; call++)
        {
            await _rig.FailureAsync(client, Envelope);
        }

        var next = await _rig.FailureAsync(client, Envelope);

        Assert.Equal(circuitAfter, client.Resilience.CircuitState);
        Assert.Equal(circuitAfter == "open" ? 0 : 1, next.Attempts);
        Assert.Equal(MinimumThroughput + (circuitAfter == "open" ? 0 : 1), _rig.Requests);
    }

    private static IResponseBuilder Reporting(string code, string message) =>
        WireLog.Json(new { errors = new[] { new { code, message } }, results = Array.Empty<object>() });
}
