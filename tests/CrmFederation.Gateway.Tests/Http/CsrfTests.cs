using System.Net;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class CsrfTests : IAsyncLifetime
{
    private GraphQLHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await GraphQLHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_WithoutRequiredHeader_Returns400CsrfRequiredHeader()
    {
        var response = await _host.SendAsync(new HttpRequestMessage(HttpMethod.Get, GraphQLHttpHost.QueryString("{ hello }")));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("CSRF_REQUIRED_HEADER", response.FirstErrorCode);
        Assert.Equal(
            "This request must carry a non-empty header from this list: 'GraphQL-Require-Preflight', 'X-Apollo-Operation-Name'.",
            response.Errors[0].GetProperty("message").GetString());
        Assert.Null(_host.Probe.LastExecution);
    }

    [Theory]
    [InlineData("GraphQL-Require-Preflight", "1")]
    [InlineData("graphql-require-preflight", "true")]
    [InlineData("X-Apollo-Operation-Name", "Hello")]
    public async Task Get_WithRequiredHeader_Succeeds(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpHost.QueryString("{ hello }"));
        request.Headers.Add(header, value);

        var response = await _host.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Get_WithEmptyRequiredHeader_Returns400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpHost.QueryString("{ hello }"));
        request.Headers.TryAddWithoutValidation("GraphQL-Require-Preflight", "");

        var response = await _host.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("CSRF_REQUIRED_HEADER", response.FirstErrorCode);
    }

    [Fact]
    public async Task Get_CsrfProtectionOff_SucceedsWithoutHeader()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.CsrfProtection = false);

        var response = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, GraphQLHttpHost.QueryString("{ hello }")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Get_CustomRequiredHeaders_ReplaceTheDefaults()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.RequiredCsrfHeaders = ["X-Requested-By"]);
        var withDefault = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpHost.QueryString("{ hello }"));
        withDefault.Headers.Add("GraphQL-Require-Preflight", "1");
        var withCustom = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpHost.QueryString("{ hello }"));
        withCustom.Headers.Add("X-Requested-By", "crm-ui");

        Assert.Equal(HttpStatusCode.BadRequest, (await host.SendAsync(withDefault)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(withCustom)).Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("TEXT/PLAIN")]
    public async Task Post_SimpleContentTypeWithoutHeader_Returns400CsrfRequiredHeader(string contentType)
    {
        var response = await _host.PostAsync("""{"query":"mutation { increment }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("CSRF_REQUIRED_HEADER", response.FirstErrorCode);
        Assert.Equal(0, _host.Probe.Counter);
    }

    [Fact]
    public async Task Post_SimpleContentTypeWithHeader_Returns415()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path) { Content = GraphQLHttpHost.Json("""{"query":"{ hello }"}""", "text/plain") };
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        var response = await _host.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
    }

    [Fact]
    public async Task Post_MissingContentTypeWithoutHeader_Returns415SayingContentTypeIsMissing()
    {
        // Never executed, header or not: the answer names what is actually missing, not a CSRF header.
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path) { Content = new ByteArrayContent("""{"query":"{ hello }"}"""u8.ToArray()) };

        var response = await _host.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("INVALID_CONTENT_TYPE", response.FirstErrorCode);
        Assert.Equal("A POST needs a Content-Type header: 'application/json'.", response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_JsonWithoutHeader_Succeeds()
    {
        var response = await _host.PostAsync("""{"query":"mutation { increment }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, _host.Probe.Counter);
    }
}
