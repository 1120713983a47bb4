using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// Retries of one source's reads, on a frozen clock that the test moves through each backoff:
/// transient failures are retried, the rest are not, and Retry-After is honoured.
/// </summary>
public sealed class RetryTests : IDisposable
{
    /// <summary>The longest backoff of the default config; every wait longer than this is a timeout or a Retry-After.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(ResilienceRig.Defaults.Retry.MaxDelayMs);

    private readonly ResilienceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task FetchItemsAsync_503Then200_SucceedsOnSecondAttempt()
    {
        _rig.AnswerInTurn(503);
        var client = _rig.Client(ResilienceRig.Defaults);

        var fetch = _rig.FetchAsync(client);
        var backoff = await _rig.Clock.NextTimerAsync(due => due >= TimeSpan.Zero && due <= MaxBackoff);
        var requestsDuringBackoff = _rig.Requests;
        _rig.Clock.Advance(backoff);
        var items = await fetch;

        Assert.Single(items);
        Assert.Equal(1, requestsDuringBackoff);
        Assert.Equal(2, _rig.Requests);
        Assert.Equal([2], _rig.ReportedAttempts);
    }

    [Fact]
    public async Task FetchItemsAsync_Always503_GivesUpAfterMaxRetries()
    {
        _rig.AnswerStatus(503);
        var client = _rig.Client(ResilienceRig.Defaults);

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, failure.Attempts);
        Assert.Equal("closed", failure.CircuitState);
        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_ConnectionDropped_IsRetried()
    {
        await using var dropper = new ConnectionDropper();
        var client = _rig.Client(ResilienceRig.Defaults, baseUri: dropper.Url);

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Null(failure.HttpStatus);
        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, failure.Attempts);

        // Not equal: SocketsHttpHandler itself retries a request on a fresh connection when the reset
        // comes after the whole request was sent (up to three times), so connections per attempt vary.
        Assert.True(dropper.Connections >= failure.Attempts, $"{dropper.Connections} connections for {failure.Attempts} attempts.");
    }

    /// <summary>
    /// A refused, reset or prematurely closed connection, a resolver that gave no answer, a proxy that
    /// could not reach the source: another attempt may pass, so the read is retried, whether
    /// SocketsHttpHandler wraps the socket error in HttpRequestException or lets it through bare.
    /// </summary>
    [Theory]
    [InlineData("refused")]
    [InlineData("reset")]
    [InlineData("bare socket reset")]
    [InlineData("bare io reset")]
    [InlineData("response ended")]
    [InlineData("resolver no answer")]
    [InlineData("proxy 502")]
    public async Task FetchItemsAsync_ConnectionLevelFailure_IsRetriedThenUnavailable(string kind)
    {
        using var transport = new FailingTransport(() => FailingTransport.Failure(kind));
        var client = _rig.Client(ResilienceRig.Defaults, transport);

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Null(failure.HttpStatus);
        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, failure.Attempts);
        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, transport.Gets);
    }

    /// <summary>
    /// A failure that recurs on every attempt (no such host, a refused certificate or proxy login, an
    /// HTTP answer the client cannot read) fails the call at once with what went wrong.
    /// </summary>
    [Theory]
    [InlineData("no such host", SourceErrorCode.Unavailable)]
    [InlineData("proxy 407", SourceErrorCode.Unavailable)]
    [InlineData("tls", SourceErrorCode.Unavailable)]
    [InlineData("user authentication", SourceErrorCode.Unavailable)]
    [InlineData("unknown", SourceErrorCode.Unavailable)]
    [InlineData("invalid response", SourceErrorCode.BadResponse)]
    [InlineData("headers too long", SourceErrorCode.BadResponse)]
    public async Task FetchItemsAsync_FailureThatRecursOnEveryAttempt_IsNotRetried(string kind, string code)
    {
        using var transport = new FailingTransport(() => FailingTransport.Failure(kind));
        var client = _rig.Client(ResilienceRig.Defaults, transport);

        // Driven like the retried cases, so that a wrong retry shows up in the count instead of hanging.
        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(code, failure.Code);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, transport.Gets);
    }

    /// <summary>A source answering with something that is not HTTP, over a real connection: a bad response, sent once.</summary>
    [Fact]
    public async Task FetchItemsAsync_AnswerIsNotHttp_FailsBadResponseWithoutRetry()
    {
        await using var source = new MalformedHttpServer();
        var client = _rig.Client(ResilienceRig.Defaults, baseUri: source.Url);

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(SourceErrorCode.BadResponse, failure.Code);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, source.Requests);
    }

    /// <summary>
    /// A backoff that would end after the deadline is not slept: the call fails at once with the real
    /// cause (503) instead of sleeping into SOURCE_TIMEOUT. Backoffs here are 0.5 to 1 s, the deadline 0.4 s.
    /// </summary>
    [Fact]
    public async Task FetchItemsAsync_BackoffEndingPastTheDeadline_FailsWithTheRealCauseWithoutWaiting()
    {
        var deadline = TimeSpan.FromMilliseconds(400);
        _rig.AnswerStatus(503);
        var client = _rig.Client(ResilienceRig.Defaults with { Retry = new RetryConfig { BaseDelayMs = 1000, MaxDelayMs = 1000 } }, deadline);

        var failure = await FailureLettingAnySleepRunIntoTheDeadlineAsync(client, deadline);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, _rig.Requests);
    }

    /// <summary>
    /// Backoffs are compared with what is left of the deadline. With a base of 0.5 s the first backoff
    /// is 0.25 to 0.5 s and fits in 0.6 s; the second is 0.5 to 1 s, more than the 0.1 to 0.35 s left.
    /// </summary>
    [Fact]
    public async Task FetchItemsAsync_SecondBackoffEndingPastTheRemainingDeadline_FailsAfterOneRetry()
    {
        var deadline = TimeSpan.FromMilliseconds(600);
        _rig.AnswerStatus(503);
        var client = _rig.Client(ResilienceRig.Defaults with { Retry = new RetryConfig { BaseDelayMs = 500, MaxDelayMs = 2000 } }, deadline);

        var fetch = _rig.FailureAsync(client);
        var firstBackoff = await _rig.Clock.AdvanceThroughDelayAsync(TimeSpan.FromMilliseconds(500));
        var failure = await FailureLettingAnySleepRunIntoTheDeadlineAsync(fetch, deadline - firstBackoff);

        Assert.InRange(firstBackoff, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));
        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(2, failure.Attempts);
        Assert.Equal(2, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_429WithRetryAfter_WaitsAtLeastRetryAfterThenRetries()
    {
        // 5 s is longer than the longest backoff (2 s): the source's word wins over the backoff's cap.
        var retryAfter = TimeSpan.FromSeconds(5);
        _rig.AnswerInTurn(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "5"));
        var client = _rig.Client(ResilienceRig.Defaults);

        var fetch = _rig.FetchAsync(client);
        var wait = await _rig.Clock.NextTimerAsync(due => due >= TimeSpan.Zero && due < TimeSpan.FromMilliseconds(ResilienceRig.Defaults.AttemptTimeoutMs));
        var requestsWhileWaiting = _rig.Requests;
        _rig.Clock.Advance(wait);
        var items = await fetch;

        Assert.True(wait >= retryAfter, $"The retry waited {wait} although the source asked for {retryAfter}.");
        Assert.Equal(1, requestsWhileWaiting);
        Assert.Single(items);
        Assert.Equal(2, _rig.Requests);
    }

    /// <summary>
    /// A Retry-After longer than the source's deadline is not waited for: sleeping would only turn
    /// "rate limited" into "timed out" after holding the caller for the whole deadline.
    /// </summary>
    [Fact]
    public async Task FetchItemsAsync_429RetryAfterBeyondDeadline_FailsRateLimitedWithoutWaiting()
    {
        var deadline = TimeSpan.FromSeconds(5);
        _rig.Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120"));
        var client = _rig.Client(new ResilienceConfig(), deadline);

        var fetch = _rig.FailureAsync(client);
        using var stopWatching = new CancellationTokenSource();
        var sleepsPastDeadline = _rig.Clock.TimerCreated(due => due >= deadline, stopWatching.Token);
        if (await Task.WhenAny(fetch, sleepsPastDeadline).WaitAsync(WireGate.HangGuard) == sleepsPastDeadline)
        {
            // The call went to sleep past its own deadline; let the deadline end it.
            _rig.Clock.Advance(deadline);
        }

        await stopWatching.CancelAsync();
        var failure = await fetch;

        Assert.Equal(SourceErrorCode.RateLimited, failure.Code);
        Assert.Equal(429, failure.HttpStatus);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, _rig.Requests);
    }

    /// <summary>
    /// Retry-After is compared with what is left of the deadline, not with all of it: the first 3 s
    /// wait fits in 5 s; the second does not (2 s are left), so the call ends as SOURCE_RATE_LIMITED
    /// at once instead of sleeping into SOURCE_TIMEOUT.
    /// </summary>
    [Fact]
    public async Task FetchItemsAsync_429RetryAfterBeyondRemainingDeadline_FailsRateLimitedWithoutWaiting()
    {
        var deadline = TimeSpan.FromSeconds(5);
        var retryAfter = TimeSpan.FromSeconds(3);
        _rig.Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "3"));
        var client = _rig.Client(new ResilienceConfig(), deadline);

        var fetch = _rig.FailureAsync(client);
        _rig.Clock.Advance(await _rig.Clock.NextTimerAsync(due => due == retryAfter));
        using var stopWatching = new CancellationTokenSource();
        var sleepsPastDeadline = _rig.Clock.TimerCreated(due => due > deadline - retryAfter, stopWatching.Token);
        if (await Task.WhenAny(fetch, sleepsPastDeadline).WaitAsync(WireGate.HangGuard) == sleepsPastDeadline)
        {
            // The call went to sleep past what is left of its deadline; let the deadline end it.
            _rig.Clock.Advance(deadline - retryAfter);
        }

        await stopWatching.CancelAsync();
        var failure = await fetch;

        Assert.Equal(SourceErrorCode.RateLimited, failure.Code);
        Assert.Equal(429, failure.HttpStatus);
        Assert.Equal(2, failure.Attempts);
        Assert.Equal(2, _rig.Requests);
    }

    [Theory]
    [InlineData(400, SourceErrorCode.Rejected)]
    [InlineData(401, SourceErrorCode.Unauthorized)]
    [InlineData(403, SourceErrorCode.Unauthorized)]
    [InlineData(404, SourceErrorCode.Rejected)]
    [InlineData(422, SourceErrorCode.Rejected)]
    public async Task FetchItemsAsync_NonTransientStatus_IsNotRetried(int status, string code)
    {
        _rig.AnswerStatus(status);
        var client = _rig.Client(ResilienceRig.Defaults);

        // Driven like the retried cases, so that a wrong retry shows up in the count instead of hanging.
        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(code, failure.Code);
        Assert.Equal(status, failure.HttpStatus);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_PerKeyEndpoint404_IsNotFoundWithoutRetry()
    {
        _rig.Server.Given(Request.Create().WithPath(ResilienceRig.Customers + "/C-404").UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        var client = _rig.Client(ResilienceRig.Defaults);
        var perKey = WireSources.Endpoint(client.Source, ResilienceRig.Customers + "/{key}");
        using var documents = new RequestScope(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };

        var items = await _rig.Clock.DriveAsync(client.FetchItemsAsync(perKey, ["C-404"], [], documents, CancellationToken.None), MaxBackoff);

        Assert.Empty(items);
        Assert.Single(_rig.Server.LogEntries);
    }

    private Task<SourceException> FailureLettingAnySleepRunIntoTheDeadlineAsync(SourceClient client, TimeSpan deadline) =>
        FailureLettingAnySleepRunIntoTheDeadlineAsync(_rig.FailureAsync(client), deadline);

    /// <summary>
    /// Awaits a failing call; should it go to sleep instead of failing, moves the clock through what is
    /// left of the deadline, so that a wrong sleep ends as SOURCE_TIMEOUT instead of hanging the test.
    /// </summary>
    private async Task<SourceException> FailureLettingAnySleepRunIntoTheDeadlineAsync(Task<SourceException> fetch, TimeSpan remaining)
    {
        using var stopWatching = new CancellationTokenSource();
        var sleeps = _rig.Clock.TimerCreated(due => due >= TimeSpan.Zero && due < TimeSpan.FromMilliseconds(ResilienceRig.Defaults.AttemptTimeoutMs), stopWatching.Token);
        if (await Task.WhenAny(fetch, sleeps).WaitAsync(WireGate.HangGuard) == sleeps)
        {
            _rig.Clock.Advance(remaining);
        }

        await stopWatching.CancelAsync();
        return await fetch;
    }
}
