using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Sources;

public sealed class StaticCredentialsTests : IDisposable
{
    private const string Customers = "/crm/v3/customers";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly RequestScope _documents = new(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };

    public StaticCredentialsTests() =>
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(WireLog.Json(new { results = Array.Empty<object>() }));

    public void Dispose()
    {
        _documents.Dispose();
        _server.Stop();
        _pool.Dispose();
    }

    [Fact]
    public async Task FetchItemsAsync_Basic_SendsBase64UserColonPassword()
    {
        var request = await SendWithAsync(new SourceAuthentication.Basic(new Secret("erp-user"), new Secret("erp-password")));

        Assert.Equal("Basic ZXJwLXVzZXI6ZXJwLXBhc3N3b3Jk", request.Header("Authorization"));
    }

    [Fact]
    public async Task FetchItemsAsync_BasicWithColonAndNonAscii_EncodesUtf8()
    {
        var request = await SendWithAsync(new SourceAuthentication.Basic(new Secret("jürgen"), new Secret("p@ss:word")));

        Assert.Equal("Basic asO8cmdlbjpwQHNzOndvcmQ=", request.Header("Authorization"));
    }

    [Fact]
    public async Task FetchItemsAsync_Bearer_SendsBearerToken()
    {
        var request = await SendWithAsync(new SourceAuthentication.Bearer(new Secret("helpdesk-token")));

        Assert.Equal("Bearer helpdesk-token", request.Header("Authorization"));
    }

    [Fact]
    public async Task FetchItemsAsync_CustomHeader_SendsOnlyThatHeader()
    {
        var request = await SendWithAsync(new SourceAuthentication.Header("X-Shopify-Access-Token", new Secret("commerce-token")));

        Assert.Equal("commerce-token", request.Header("X-Shopify-Access-Token"));
        Assert.Equal("", request.Header("Authorization"));
    }

    [Fact]
    public async Task FetchItemsAsync_None_SendsNoCredentials()
    {
        var request = await SendWithAsync(new SourceAuthentication.None());

        Assert.Equal("", request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public async Task FetchItemsAsync_NextPageOnSameOrigin_SendsCredentialsAgain()
    {
        _server.Given(Request.Create().WithPath("/api/v2/tickets").WithParam("page", "2").UsingGet()).AtPriority(1)
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 2 } }, next_page = (string?)null }));
        _server.Given(Request.Create().WithPath("/api/v2/tickets").UsingGet()).AtPriority(2)
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 1 } }, next_page = $"{_server.Url}/api/v2/tickets?page=2" }));
        var source = WireSources.Source(_server.Url!, new SourceAuthentication.Bearer(new Secret("helpdesk-token")));
        var endpoint = WireSources.Endpoint(source, "/api/v2/tickets", keyParameter: "organization_ids", items: "tickets", matchOn: "organization_id",
            many: true, paging: new PagingDefinition(JsonPath.Parse("next_page"), false, 5));

        await FetchAsync(endpoint);

        Assert.Equal(["Bearer helpdesk-token", "Bearer helpdesk-token"], _server.Requests("/api/v2/tickets").Select(request => request.Header("Authorization")));
    }

    [Fact]
    public void ToString_Secret_ReturnsMask()
    {
        var secret = new Secret("crm-secret");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("***", $"{secret}");
        Assert.Equal("crm-secret", secret.Reveal());
    }

    [Fact]
    public void ToString_AnyAuthenticationScheme_MasksSecrets()
    {
        SourceAuthentication[] schemes =
        [
            new SourceAuthentication.Basic(new Secret("erp-user"), new Secret("erp-password")),
            new SourceAuthentication.Bearer(new Secret("helpdesk-token")),
            new SourceAuthentication.Header("X-Shopify-Access-Token", new Secret("commerce-token")),
            new SourceAuthentication.OAuth2ClientCredentials(new Uri("http://crm.test/oauth/token"), new Secret("crm-client"), new Secret("crm-secret")),
        ];

        foreach (var text in schemes.Select(scheme => scheme.ToString()))
        {
            Assert.Contains("***", text, StringComparison.Ordinal);
            Assert.DoesNotMatch("erp-user|erp-password|helpdesk-token|commerce-token|crm-client|crm-secret", text);
        }
    }

    private async Task<WireMock.IRequestMessage> SendWithAsync(SourceAuthentication authentication)
    {
        await FetchAsync(WireSources.CustomersById(WireSources.Source(_server.Url!, authentication)));
        return Assert.Single(_server.Requests(Customers));
    }

    private Task<List<JsonElement>> FetchAsync(EndpointDefinition endpoint) =>
        new SourceClientFactory(_pool, TimeProvider.System).Create(endpoint.Source)
            .FetchItemsAsync(endpoint, ["C-1"], [], _documents, CancellationToken.None);
}
