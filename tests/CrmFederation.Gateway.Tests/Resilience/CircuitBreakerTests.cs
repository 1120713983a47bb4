using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// One source's circuit breaker, on a frozen clock: opened by failures, failing fast while open
/// without calling the source, one probe once the break is over, closed or re-opened by that probe.
/// </summary>
public sealed class CircuitBreakerTests : IDisposable
{
    private const int MinimumThroughput = 4;
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);

    /// <summary>No retries, so that one call is one request and the breaker's arithmetic shows in the counts.</summary>
    private static readonly ResilienceConfig Config = ResilienceRig.Defaults with
    {
        Retry = new RetryConfig { MaxRetries = 0 },
        CircuitBreaker = new CircuitBreakerConfig
        {
            MinimumThroughput = MinimumThroughput,
            FailureRatio = 0.5,
            SamplingDurationMs = 2_000,
            BreakDurationMs = (int)BreakDuration.TotalMilliseconds,
        },
    };

    private readonly ResilienceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task FetchItemsAsync_FailuresReachMinimumThroughput_OpenCircuit()
    {
        _rig.AnswerStatus(503);
        var client = _rig.Client(Config);

        var failures = new List<SourceException>();
        for (var call = 0; call < MinimumThroughput; call++)
        {
            failures.Add(await _rig.FailureAsync(client));
        }

        Assert.All(failures, failure =>
        {
            Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
            Assert.Equal(503, failure.HttpStatus);
            Assert.Equal(1, failure.Attempts);
        });
        Assert.Equal(["closed", "closed", "closed", "open"], failures.Select(failure => failure.CircuitState));
        Assert.Equal(MinimumThroughput, _rig.Requests);
    }

    /// <summary>
    /// A lost connection counts against the breaker; a failure that recurs on every attempt (a refused
    /// certificate, an answer that is not HTTP) is not the source being down, and an open circuit would
    /// only hide it behind "circuit open".
    /// </summary>
    [Theory]
    [InlineData("refused", "open")]
    [InlineData("tls", "closed")]
    [InlineData("invalid response", "closed")]
    public async Task FetchItemsAsync_TransportFailures_OpenCircuitOnlyWhenTransient(string kind, string circuitAfter)
    {
        using var transport = new FailingTransport(() => FailingTransport.Failure(kind));
        var client = _rig.Client(Config, transport);

        for (var call = 0; call < MinimumThroughput; call++)
        {
            await _rig.FailureAsync(client);
        }

        Assert.Equal(circuitAfter, client.Resilience.CircuitState);
        Assert.Equal(MinimumThroughput, transport.Gets);
    }

    [Fact]
    public async Task FetchItemsAsync_CircuitOpen_FailsFastWithoutCallingSource()
    {
        var client = await OpenCircuitAsync();

        for (var call = 0; call < 5; call++)
        {
            var failure = await _rig.FailureAsync(client);

            Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
            Assert.Equal("open", failure.CircuitState);
            Assert.Equal(0, failure.Attempts);
            Assert.Null(failure.HttpStatus);
        }

        Assert.Equal(MinimumThroughput, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_BreakNotYetOver_StillFailsFast()
    {
        var client = await OpenCircuitAsync();
        _rig.AnswerFound();

        _rig.Clock.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        var failure = await _rig.FailureAsync(client);

        Assert.Equal("open", failure.CircuitState);
        Assert.Equal(0, failure.Attempts);
        Assert.Equal(MinimumThroughput, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_BreakOver_LetsExactlyOneProbeThroughWhileOthersFailFast()
    {
        var client = await OpenCircuitAsync();
        using var upstream = WireTurnstile.HoldAll();
        _rig.Answer(upstream.Answer(ResilienceRig.FoundBody));
        _rig.Clock.Advance(BreakDuration);

        var probe = _rig.FetchAsync(client);
        await upstream.ArrivedAsync(1);
        var refused = new List<SourceException>();
        for (var call = 0; call < 3; call++)
        {
            refused.Add(await _rig.FailureAsync(client));
        }

        upstream.Release();
        var items = await probe;

        Assert.Single(items);
        Assert.All(refused, failure =>
        {
            Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
            Assert.Equal("half-open", failure.CircuitState);
            Assert.Equal(0, failure.Attempts);
        });
        Assert.Equal(1, upstream.Arrivals);
    }

    [Fact]
    public async Task FetchItemsAsync_HealthyProbe_ClosesCircuit()
    {
        var client = await OpenCircuitAsync();
        _rig.AnswerFound();
        _rig.Clock.Advance(BreakDuration);

        await _rig.FetchAsync(client);
        var stateAfterProbe = client.Resilience.CircuitState;
        for (var call = 0; call < 3; call++)
        {
            Assert.Single(await _rig.FetchAsync(client));
        }

        Assert.Equal("closed", stateAfterProbe);
        Assert.Equal(MinimumThroughput + 1 + 3, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_FailingProbe_ReopensCircuitForAnotherBreak()
    {
        var client = await OpenCircuitAsync();
        _rig.Clock.Advance(BreakDuration);

        var probe = await _rig.FailureAsync(client);
        var refused = await _rig.FailureAsync(client);
        var requestsDuringSecondBreak = _rig.Requests;
        _rig.Clock.Advance(BreakDuration);
        var secondProbe = await _rig.FailureAsync(client);

        Assert.Equal(1, probe.Attempts);
        Assert.Equal(503, probe.HttpStatus);
        Assert.Equal("open", probe.CircuitState);
        Assert.Equal(0, refused.Attempts);
        Assert.Equal("open", refused.CircuitState);
        Assert.Equal(MinimumThroughput + 1, requestsDuringSecondBreak);
        Assert.Equal(1, secondProbe.Attempts);
        Assert.Equal(MinimumThroughput + 2, _rig.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(400)]
    [InlineData(404)]
    public async Task FetchItemsAsync_RateLimitedOrRejected_DoesNotOpenCircuit(int status)
    {
        _rig.AnswerStatus(status);
        var client = _rig.Client(Config);

        var failures = new List<SourceException>();
        for (var call = 0; call < 2 * MinimumThroughput; call++)
        {
            failures.Add(await _rig.FailureAsync(client));
        }

        Assert.All(failures, failure => Assert.Equal("closed", failure.CircuitState));
        Assert.Equal(2 * MinimumThroughput, _rig.Requests);
    }

    private async Task<SourceClient> OpenCircuitAsync()
    {
        _rig.AnswerStatus(503);
        var client = _rig.Client(Config);
        for (var call = 0; call < MinimumThroughput; call++)
        {
            await _rig.FailureAsync(client);
        }

        Assert.Equal("open", client.Resilience.CircuitState);
        return client;
    }
}
