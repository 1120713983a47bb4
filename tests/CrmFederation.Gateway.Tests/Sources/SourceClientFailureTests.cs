using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Sources;

public sealed class SourceClientFailureTests : IDisposable
{
    private const string Customers = "/crm/v3/customers";
    private const string Key = "C-KEY-7f3a9";
    private const string Token = "bearer-3b1c9e";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly WireMockServer _foreign = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly RequestScope _documents = new(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };
    private readonly WireGate _gate = new();

    public void Dispose()
    {
        _gate.Dispose();
        _documents.Dispose();
        _server.Stop();
        _foreign.Stop();
        _pool.Dispose();
    }

    [Fact]
    public async Task FetchItemsAsync_503_ThrowsUnavailableWithStatus()
    {
        Answer(Response.Create().WithStatusCode(503));

        var failure = await FetchFailureAsync();

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(WireSources.SourceName, failure.Source);
    }

    [Fact]
    public async Task FetchItemsAsync_429_ThrowsRateLimited()
    {
        Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2"));

        var failure = await FetchFailureAsync();

        Assert.Equal(SourceErrorCode.RateLimited, failure.Code);
        Assert.Equal(429, failure.HttpStatus);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task FetchItemsAsync_401Or403_ThrowsUnauthorized(int status)
    {
        Answer(Response.Create().WithStatusCode(status));

        var failure = await FetchFailureAsync();

        Assert.Equal(SourceErrorCode.Unauthorized, failure.Code);
        Assert.Equal(status, failure.HttpStatus);
    }

    [Fact]
    public async Task FetchItemsAsync_BatchEndpoint400_ThrowsRejected()
    {
        Answer(WireLog.Json(new { error = "too_many_ids" }, 400));

        var failure = await FetchFailureAsync();

        Assert.Equal(SourceErrorCode.Rejected, failure.Code);
        Assert.Equal(400, failure.HttpStatus);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"results":[{"id":"C-KEY-7f3a9","name":"AC""")]
    [InlineData("""{"items":[{"id":"C-KEY-7f3a9"}]}""")]
    [InlineData("""{"results":{"id":"C-KEY-7f3a9"}}""")]
    [InlineData("""[{"id":"C-KEY-7f3a9"}]""")]
    [InlineData("null")]
    [InlineData("")]
    public async Task FetchItemsAsync_GarbageBody_ThrowsBadResponse(string body)
    {
        Answer(WireLog.Text(body));

        var failure = await FetchFailureAsync();

        Assert.Equal(SourceErrorCode.BadResponse, failure.Code);
    }

    [Fact]
    public async Task FetchItemsAsync_AnswerSlowerThanTimeout_ThrowsTimeout()
    {
        Answer(_gate.Hold(_ => """{"results":[]}"""));
        var source = WireSources.Source(_server.Url!, timeout: TimeSpan.FromMilliseconds(200));

        var failure = await FetchFailureAsync(source);

        Assert.Equal(SourceErrorCode.Timeout, failure.Code);
        Assert.Equal(1, _gate.Held);
    }

    [Fact]
    public async Task FetchItemsAsync_BodyStallsAfterHeaders_ThrowsTimeout()
    {
        await using var stalled = await WireStalledBodyServer.StartAsync();
        var source = WireSources.Source(stalled.Url, timeout: TimeSpan.FromMilliseconds(200));
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        // The source's deadline must cover reading the body, not only the wait for the headers.
        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(source, hangGuard.Token));

        Assert.Equal(SourceErrorCode.Timeout, failure.Code);
    }

    [Fact]
    public async Task FetchItemsAsync_ConnectionRefused_ThrowsUnavailable()
    {
        var failure = await FetchFailureAsync(WireSources.Source(WireSources.ClosedPortUrl()));

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Null(failure.HttpStatus);
    }

    [Fact]
    public async Task FetchItemsAsync_CallerCancelsWhileInFlight_ThrowsOperationCanceled()
    {
        Answer(_gate.Hold(_ => """{"results":[]}"""));
        using var cancellation = new CancellationTokenSource();
        var fetch = FetchAsync(Source(), cancellation.Token);
        await _gate.Arrived;

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }

    [Fact]
    public async Task FetchItemsAsync_RedirectToAnotherOrigin_IsNotFollowed()
    {
        _foreign.Given(Request.Create().UsingAnyMethod()).RespondWith(WireLog.Json(new { results = Array.Empty<object>() }));
        Answer(Response.Create().WithStatusCode(302).WithHeader("Location", $"{_foreign.Url}{Customers}?ids={Key}"));

        var failure = await FetchFailureAsync(WireSources.Source(_server.Url!, new SourceAuthentication.Bearer(new Secret(Token))));

        Assert.Equal(302, failure.HttpStatus);
        Assert.Empty(_foreign.LogEntries);
    }

    [Theory]
    [InlineData("503")]
    [InlineData("429")]
    [InlineData("401")]
    [InlineData("400")]
    [InlineData("not json")]
    [InlineData("no items")]
    [InlineData("foreign next page")]
    [InlineData("timeout")]
    [InlineData("refused")]
    public async Task FetchItemsAsync_AnyFailure_MessageNamesNeitherKeyNorCredential(string failureKind)
    {
        var baseUrl = failureKind == "refused" ? WireSources.ClosedPortUrl() : _server.Url!;
        var timeout = failureKind == "timeout" ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(30);
        Answer(failureKind switch
        {
            "503" or "429" or "401" or "400" => Response.Create().WithStatusCode(int.Parse(failureKind, System.Globalization.CultureInfo.InvariantCulture)),
            "not json" => WireLog.Text("not json"),
            "no items" => WireLog.Json(new { error = Key }),
            "foreign next page" => WireLog.Json(new { results = Array.Empty<object>(), next_page = $"{_foreign.Url}{Customers}?ids={Key}&token={Token}" }),
            _ => _gate.Hold(_ => """{"results":[]}"""),
        });
        var source = WireSources.Source(baseUrl, new SourceAuthentication.Bearer(new Secret(Token)), timeout);
        var endpoint = WireSources.Endpoint(source, Customers, keyParameter: "ids", items: "results", matchOn: "id",
            paging: new PagingDefinition(JsonPath.Parse("next_page"), false, 5));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(endpoint, CancellationToken.None));

        for (Exception? exception = failure; exception is not null; exception = exception.InnerException)
        {
            Assert.DoesNotContain(Key, exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Customers, exception.Message, StringComparison.Ordinal);
        }

        Assert.Contains($"'{WireSources.SourceName}'", failure.Message, StringComparison.Ordinal);
    }

    private SourceDefinition Source() => WireSources.Source(_server.Url!);

    private void Answer(IResponseBuilder response) =>
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(response);

    private Task<SourceException> FetchFailureAsync(SourceDefinition? source = null) =>
        Assert.ThrowsAsync<SourceException>(() => FetchAsync(source ?? Source(), CancellationToken.None));

    private Task<List<JsonElement>> FetchAsync(SourceDefinition source, CancellationToken cancellationToken) =>
        FetchAsync(WireSources.CustomersById(source), cancellationToken);

    private Task<List<JsonElement>> FetchAsync(EndpointDefinition endpoint, CancellationToken cancellationToken) =>
        new SourceClientFactory(_pool, TimeProvider.System).Create(endpoint.Source)
            .FetchItemsAsync(endpoint, [Key], [], _documents, cancellationToken);
}
