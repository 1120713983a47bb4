using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Sources;

public sealed class OAuth2Tests : IDisposable
{
    private const string TokenPath = "/oauth/token";
    private const string Customers = "/crm/v3/customers";
    private const string ClientId = "crm-client";
    private const string ClientSecret = "crm-s3cret&=+ x";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly RequestScope _documents = new(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };
    private readonly WireGate _tokenGate = new();
    private int _tokensIssued;

    public void Dispose()
    {
        _tokenGate.Dispose();
        _documents.Dispose();
        _server.Stop();
        _pool.Dispose();
    }

    [Fact]
    public async Task FetchItemsAsync_ManyCalls_RequestTokenOnce()
    {
        IssueTokens(expiresIn: 3600);
        AcceptAnyBearer();
        var client = Client();

        for (var i = 0; i < 5; i++)
        {
            await FetchAsync(client);
        }

        Assert.Single(_server.Requests(TokenPath));
        Assert.All(_server.Requests(Customers), request => Assert.Equal("Bearer token-1", request.Header("Authorization")));
    }

    [Fact]
    public async Task FetchItemsAsync_TwentyConcurrentCalls_ShareOneTokenRequest()
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(_tokenGate.Hold(_ => TokenBody(3600)));
        AcceptAnyBearer();
        var client = Client();

        var fetches = Enumerable.Range(0, 20).Select(_ => FetchAsync(client)).ToArray();
        await _tokenGate.Arrived;
        _tokenGate.Open();
        await Task.WhenAll(fetches);

        Assert.Single(_server.Requests(TokenPath));
        Assert.Equal(20, _server.Requests(Customers).Count);
    }

    [Fact]
    public async Task FetchItemsAsync_FirstCall_PostsClientCredentialsForm()
    {
        IssueTokens(expiresIn: 3600);
        AcceptAnyBearer();

        await FetchAsync(Client());

        var tokenRequest = Assert.Single(_server.Requests(TokenPath));
        Assert.Equal("POST", tokenRequest.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", tokenRequest.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal([new("grant_type", "client_credentials"), new("client_id", ClientId), new("client_secret", ClientSecret)], tokenRequest.FormPairs());
        Assert.Equal("", tokenRequest.Header("Authorization"));
    }

    [Fact]
    public async Task FetchItemsAsync_ApiRejectsToken_RefreshesOnceAndRetries()
    {
        IssueTokens(expiresIn: 3600);
        AcceptOnly("token-2");
        var client = Client();

        var items = await FetchAsync(client);
        await FetchAsync(client);

        Assert.Single(items);
        Assert.Equal(2, _server.Requests(TokenPath).Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2", "Bearer token-2"], _server.Requests(Customers).Select(request => request.Header("Authorization")));
    }

    [Fact]
    public async Task FetchItemsAsync_ApiRejectsRefreshedTokenToo_ThrowsUnauthorized()
    {
        IssueTokens(expiresIn: 3600);
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(Response.Create().WithStatusCode(401));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(Client()));

        Assert.Equal(SourceErrorCode.Unauthorized, failure.Code);
        Assert.Equal(401, failure.HttpStatus);
        Assert.Equal(2, _server.Requests(TokenPath).Count);
        Assert.Equal(2, _server.Requests(Customers).Count);
    }

    [Fact]
    public async Task FetchItemsAsync_TwentyConcurrentCallsRejected_RefreshOnce()
    {
        IssueTokens(expiresIn: 3600);
        AcceptOnly("token-2");
        var client = Client();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => FetchAsync(client)));

        Assert.Equal(2, _server.Requests(TokenPath).Count);
    }

    [Fact]
    public async Task FetchItemsAsync_TokenNearExpiry_FetchesNewTokenOnlyAfterRefreshMargin()
    {
        // expires_in 120 s: the token is renewed 30 s before it expires, i.e. from 90 s on.
        IssueTokens(expiresIn: 120);
        AcceptAnyBearer();
        var time = new FakeTimeProvider();
        var client = Client(time);
        await FetchAsync(client);

        time.Advance(TimeSpan.FromSeconds(89));
        await FetchAsync(client);
        var tokensBefore = _server.Requests(TokenPath).Count;
        time.Advance(TimeSpan.FromSeconds(2));
        await FetchAsync(client);

        Assert.Equal(1, tokensBefore);
        Assert.Equal(2, _server.Requests(TokenPath).Count);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], _server.Requests(Customers).Select(request => request.Header("Authorization")));
    }

    [Theory]
    [InlineData(500, SourceErrorCode.Unavailable)]
    [InlineData(503, SourceErrorCode.Unavailable)]
    [InlineData(401, SourceErrorCode.Unauthorized)]
    [InlineData(403, SourceErrorCode.Unauthorized)]
    public async Task FetchItemsAsync_TokenEndpointFails_ThrowsAndSkipsApi(int status, string code)
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(WireLog.Json(new { error = "server_error" }, status));
        AcceptAnyBearer();

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(Client()));

        Assert.Equal(code, failure.Code);
        Assert.Equal(status, failure.HttpStatus);
        Assert.Empty(_server.Requests(Customers));
    }

    [Fact]
    public async Task FetchItemsAsync_TokenEndpointRefusesClient400_ThrowsUnauthorized()
    {
        // RFC 6749 §5.2: a token endpoint refuses bad client credentials with 400 invalid_client (401 only for some client auth methods).
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(WireLog.Json(new { error = "invalid_client" }, 400));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(Client()));

        Assert.Equal(SourceErrorCode.Unauthorized, failure.Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"","expires_in":3600}""")]
    [InlineData("""{"access_token":42}""")]
    [InlineData("""["token-1"]""")]
    public async Task FetchItemsAsync_TokenEndpointGarbage_ThrowsBadResponse(string body)
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(WireLog.Text(body));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(Client()));

        Assert.Equal(SourceErrorCode.BadResponse, failure.Code);
        Assert.Empty(_server.Requests(Customers));
    }

    [Fact]
    public async Task FetchItemsAsync_TokenEndpointUnreachable_ThrowsUnavailable()
    {
        AcceptAnyBearer();
        var source = Source(tokenUri: new Uri(WireSources.ClosedPortUrl() + TokenPath));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(Client(source: source)));

        Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
        Assert.Empty(_server.Requests(Customers));
    }

    [Fact]
    public async Task FetchItemsAsync_TokenEndpointRecovers_NextCallGetsToken()
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        AcceptAnyBearer();
        var client = Client();
        await Assert.ThrowsAsync<SourceException>(() => FetchAsync(client));

        _server.ResetMappings();
        IssueTokens(expiresIn: 3600);
        AcceptAnyBearer();
        var items = await FetchAsync(client);

        Assert.Single(items);
        Assert.Equal(2, _server.Requests(TokenPath).Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(503)]
    [InlineData(200)]
    public async Task FetchItemsAsync_TokenEndpointFails_MessageNamesNoCredential(int status)
    {
        var echo = new { error = "invalid_client", client_id = ClientId, client_secret = ClientSecret, access_token = (string?)null };
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(WireLog.Json(echo, status));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(Client()));

        for (Exception? exception = failure; exception is not null; exception = exception.InnerException)
        {
            Assert.DoesNotContain(ClientId, exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientSecret, exception.Message, StringComparison.Ordinal);
        }
    }

    private SourceDefinition Source(Uri? tokenUri = null) => WireSources.Source(_server.Url!,
        new SourceAuthentication.OAuth2ClientCredentials(tokenUri ?? new Uri(_server.Url + TokenPath), new Secret(ClientId), new Secret(ClientSecret)));

    private SourceClient Client(TimeProvider? time = null, SourceDefinition? source = null) =>
        new SourceClientFactory(_pool, time ?? TimeProvider.System).Create(source ?? Source());

    private Task<List<JsonElement>> FetchAsync(SourceClient client) =>
        client.FetchItemsAsync(WireSources.CustomersById(client.Source), ["C-1"], [], _documents, CancellationToken.None);

    /// <summary>The token endpoint hands out token-1, token-2, … one per request.</summary>
    private void IssueTokens(int expiresIn) =>
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(_ => TokenBody(expiresIn)));

    private string TokenBody(int expiresIn) =>
        JsonSerializer.Serialize(new { access_token = $"token-{Interlocked.Increment(ref _tokensIssued)}", token_type = "Bearer", expires_in = expiresIn });

    private void AcceptAnyBearer() =>
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(WireLog.Json(new { results = new[] { new { id = "C-1" } } }));

    private void AcceptOnly(string token)
    {
        _server.Given(Request.Create().WithPath(Customers).UsingGet().WithHeader("Authorization", $"Bearer {token}")).AtPriority(1)
            .RespondWith(WireLog.Json(new { results = new[] { new { id = "C-1" } } }));
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).AtPriority(2)
            .RespondWith(WireLog.Json(new { error = "invalid_token" }, 401));
    }
}
