using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// The OAuth2 token POST and the read pipeline. The token is fetched by the auth handler inside each
/// pipeline attempt (the handler sits in the invoker the pipeline calls), so these tests check what
/// the pipeline does with a failing token request: a POST must not be retried.
/// </summary>
public sealed class TokenRequestRetryTests : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(ResilienceRig.Defaults.Retry.MaxDelayMs);
    private readonly ResilienceRig _rig = new();

    public TokenRequestRetryTests() => _rig.AnswerFound();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task FetchItemsAsync_TokenEndpoint503Once_TokenPostIsNotRetried()
    {
        TokenEndpointAnswers503Once();
        var client = _rig.Client(ResilienceRig.Defaults, authentication: _rig.OAuth2());

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);
        var tokenRequestsAfterFailure = _rig.TokenRequests;
        var items = await _rig.FetchAsync(client);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(1, tokenRequestsAfterFailure);
        Assert.Single(items);
        Assert.Equal(2, _rig.TokenRequests);
        Assert.Equal(1, _rig.Requests);
    }

    /// <summary>
    /// The token provider's <see cref="SourceException"/> comes out of the pipeline carrying the attempts
    /// and circuit state that every other source failure carries (so the GraphQL error has them too).
    /// </summary>
    [Fact]
    public async Task FetchItemsAsync_TokenEndpointFails_FailureCarriesAttemptsAndCircuit()
    {
        TokenEndpointAnswers503Once();
        var client = _rig.Client(ResilienceRig.Defaults, authentication: _rig.OAuth2());

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal("closed", failure.CircuitState);
        Assert.Equal(1, failure.Attempts);
    }

    /// <summary>
    /// A token endpoint that drops the connection fails inside the pipeline attempt; the read pipeline
    /// retries a dropped connection of a read, but must not send the token POST again on every retry.
    /// </summary>
    [Fact]
    public async Task FetchItemsAsync_TokenEndpointDropsConnection_TokenPostIsNotRetried()
    {
        await using var tokenEndpoint = new ConnectionDropper();
        var client = _rig.Client(ResilienceRig.Defaults, authentication: _rig.OAuth2(new Uri(tokenEndpoint.Url, ResilienceRig.TokenPath)));

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal(0, _rig.Requests);
        Assert.True(failure.Attempts == 1, $"The token POST was sent in {failure.Attempts} pipeline attempts ({tokenEndpoint.Connections} connections).");
    }

    /// <summary>However the token POST's connection fails, wrapped in HttpRequestException or bare, it is sent once.</summary>
    [Theory]
    [InlineData("refused")]
    [InlineData("reset")]
    [InlineData("bare socket reset")]
    [InlineData("bare io reset")]
    public async Task FetchItemsAsync_TokenPostConnectionFails_TokenPostIsNotRetried(string kind)
    {
        using var transport = new FailingTransport(() => FailingTransport.Failure(kind));
        var client = _rig.Client(ResilienceRig.Defaults, transport, _rig.OAuth2());

        var failure = await _rig.Clock.DriveAsync(_rig.FailureAsync(client), MaxBackoff);

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, transport.Posts);
        Assert.Equal(0, transport.Gets);
    }

    private void TokenEndpointAnswers503Once()
    {
        var token = Request.Create().WithPath(ResilienceRig.TokenPath).UsingPost();
        _rig.Server.Given(token).InScenario("token").WillSetStateTo("recovered")
            .RespondWith(WireLog.Json(new { error = "temporarily_unavailable" }, 503));
        _rig.Server.Given(token).InScenario("token").WhenStateIs("recovered")
            .RespondWith(WireLog.Json(new { access_token = "token-1", token_type = "Bearer", expires_in = 3600 }));
    }
}
