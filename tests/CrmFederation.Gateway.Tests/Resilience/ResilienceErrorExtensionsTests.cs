using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// What the pipeline's outcome looks like in a GraphQL error's <c>extensions</c>, from real failures
/// of a real pipeline rendered by the gateway's own <see cref="GatewayErrorInfoProvider"/>.
/// </summary>
public sealed class ResilienceErrorExtensionsTests : IDisposable
{
    private readonly ResilienceRig _rig = new();
    private readonly GatewayErrorInfoProvider _errors = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task GetInfo_RetriedFailure_CarriesAttemptsAndCircuit()
    {
        _rig.AnswerStatus(503);
        var client = _rig.Client(ResilienceRig.Defaults);
        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), TimeSpan.FromMilliseconds(ResilienceRig.Defaults.Retry.MaxDelayMs));

        var extensions = _errors.GetInfo(new SourceFieldError(failure)).Extensions!;

        Assert.Equal(SourceErrorCode.Unavailable, extensions["code"]);
        Assert.Equal(_rig.SourceName, extensions["source"]);
        Assert.Equal(503, extensions["httpStatus"]);
        Assert.Equal(3, extensions["attempts"]);
        Assert.Equal("closed", extensions["circuit"]);
    }

    [Fact]
    public async Task GetInfo_RefusedByOpenCircuit_SaysZeroAttemptsAndOpenCircuitWithoutStatus()
    {
        _rig.AnswerStatus(503);
        var client = _rig.Client(ResilienceRig.Defaults with
        {
            Retry = new RetryConfig { MaxRetries = 0 },
            CircuitBreaker = new CircuitBreakerConfig { MinimumThroughput = 2, FailureRatio = 0.5 },
        });
        await _rig.FailureAsync(client);
        await _rig.FailureAsync(client);
        var refused = await _rig.FailureAsync(client);

        var extensions = _errors.GetInfo(new SourceFieldError(refused)).Extensions!;

        Assert.Equal(SourceErrorCode.Unavailable, extensions["code"]);
        Assert.Equal(0, extensions["attempts"]);
        Assert.Equal("open", extensions["circuit"]);
        Assert.False(extensions.ContainsKey("httpStatus"));
        Assert.Equal(2, _rig.Requests);
    }

    /// <summary>A failure that is no call's outcome (a value the source sent could not be converted) claims no attempts.</summary>
    [Fact]
    public void GetInfo_FailureOutsideACall_HasNoAttemptsOrCircuit()
    {
        var failure = new SourceException(_rig.SourceName, SourceErrorCode.BadResponse, "The source sent a date that is not one.");

        var extensions = _errors.GetInfo(new SourceFieldError(failure)).Extensions!;

        Assert.Equal(SourceErrorCode.BadResponse, extensions["code"]);
        Assert.False(extensions.ContainsKey("attempts"));
        Assert.False(extensions.ContainsKey("circuit"));
    }
}
