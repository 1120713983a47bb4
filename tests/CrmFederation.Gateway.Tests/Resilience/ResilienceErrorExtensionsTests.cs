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
    public async Task GetInfo_RefusedByOpenCircuit_CarriesOpenCircuitWithoutStatus()
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
        Assert.Equal("open", extensions["circuit"]);
        Assert.False(extensions.ContainsKey("httpStatus"));
        Assert.Equal(2, _rig.Requests);
    }
}
