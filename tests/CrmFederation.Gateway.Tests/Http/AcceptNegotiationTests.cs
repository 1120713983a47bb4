using System.Net;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class AcceptNegotiationTests : IAsyncLifetime
{
    private const string GraphQLResponseJson = "application/graphql-response+json; charset=utf-8";
    private const string Json = "application/json; charset=utf-8";

    private GraphQLHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await GraphQLHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/json", Json)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("text/html, application/json;q=0.8", Json)]
    [InlineData("application/json;q=0, */*", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0, */*;q=0.1", Json)]
    public async Task Post_Accept_SelectsResponseMediaType(string? accept, string expected)
    {
        var response = await _host.PostAsync("""{"query":"{ hello }"}""", accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.ContentType);
        Assert.Equal("""{"data":{"hello":"Hello, world!"}}""", response.Text);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/*")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Post_AcceptWithoutSupportedType_Returns406(string accept)
    {
        var response = await _host.PostAsync("""{"query":"mutation { increment }"}""", accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(Json, response.ContentType);
        Assert.Equal("NOT_ACCEPTABLE", response.FirstErrorCode);
        Assert.Equal(0, _host.Probe.Counter);
    }

    [Fact]
    public async Task Get_AcceptWithoutSupportedType_Returns406()
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("{ hello }"), "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
    }

    [Fact]
    public async Task Post_HttpErrorUnderNegotiatedType_UsesThatType()
    {
        var response = await _host.PostAsync("{", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(Json, response.ContentType);
    }
}
