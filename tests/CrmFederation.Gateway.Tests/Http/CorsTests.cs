using System.Net;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>
/// Cross-origin access to /graphql on the real gateway: preflights answered by ASP.NET Core's CORS
/// middleware for the origins of Gateway:Cors:AllowedOrigins, before authentication and before the
/// endpoint (which refuses OPTIONS with 405); other origins get no CORS headers; the CSRF guard still
/// applies to what a browser may send without a preflight.
/// </summary>
public sealed class CorsTests : IAsyncLifetime
{
    private const string App = "https://app.example";

    private GatewayFactory _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig, ("Gateway:Cors:AllowedOrigins:0", App));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Preflight_AllowedOriginWithoutCredentials_204AllowingTheGraphQLMethodsAndHeaders()
    {
        using var response = await PreflightAsync(_gateway, App, "POST", "content-type, x-api-key");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(["GET", "POST"], Header(response, "Access-Control-Allow-Methods")!.Split(','));
        Assert.Equal(
            ["Content-Type", "Authorization", "X-Api-Key", "GraphQL-Require-Preflight", "X-Apollo-Operation-Name"],
            Header(response, "Access-Control-Allow-Headers")!.Split(','));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_OtherOrigin_NoCorsHeaders()
    {
        using var response = await PreflightAsync(_gateway, "https://evil.example", "POST", "content-type, x-api-key");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Preflight_NoOriginConfigured_NoCorsHeaders()
    {
        await using var gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig);

        using var response = await PreflightAsync(gateway, App, "POST", "content-type");

        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Preflight_MethodNotAllowed_NotAmongTheAllowedMethodsSoTheBrowserRefuses()
    {
        using var response = await PreflightAsync(_gateway, App, "DELETE", null);

        Assert.DoesNotContain("DELETE", Header(response, "Access-Control-Allow-Methods") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AllowedOrigin_AnsweredWithAllowOriginExposingRetryAfter()
    {
        using var response = await PostAsync(App);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("Retry-After", Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Post_OtherOrigin_AnsweredWithoutCorsHeadersSoTheBrowserHidesIt()
    {
        using var response = await PostAsync("https://evil.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_AllowedOriginWithoutCsrfHeader_StillRefusedByTheCsrfGuard()
    {
        using var http = _gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpHost.QueryString("{ __typename }"));
        request.Headers.Add("Origin", App);

        using var response = await http.SendAsync(request);
        var body = await GraphQLHttpResponse.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, body.Status);
        Assert.Equal("CSRF_REQUIRED_HEADER", body.FirstErrorCode);
    }

    [Theory]
    [InlineData("https://app.example/", "write 'https://app.example'")]
    [InlineData("https://app.example:443", "write 'https://app.example'")]
    [InlineData("https://app.example/crm", "write 'https://app.example'")]
    [InlineData("*", "would let every web site call the gateway")]
    [InlineData("app.example", "is not an http(s) origin")]
    public async Task Start_OriginNotAsBrowsersSendIt_RefusesToStartNamingIt(string origin, string expected)
    {
        await using var gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig, ("Gateway:Cors:AllowedOrigins:0", origin));

        var error = Assert.Throws<OptionsValidationException>(() => gateway.CreateClient());

        Assert.Contains($"Gateway:Cors:AllowedOrigins: '{origin}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(GatewayFactory gateway, string origin, string method, string? headers)
    {
        using var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Remove(ApiKeyAuthenticationHandler.HeaderName);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return await http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(string origin)
    {
        using var http = _gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = GraphQLHttpHost.Json("""{"query":"{ __typename }"}""") };
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
