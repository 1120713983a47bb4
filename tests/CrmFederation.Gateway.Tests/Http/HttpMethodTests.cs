using System.Net;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class HttpMethodTests : IAsyncLifetime
{
    private GraphQLHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await GraphQLHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task Send_UnsupportedMethod_Returns405WithAllowHeader(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), GraphQLHttpHost.QueryString("{ hello }"));
        if (method is "PUT" or "PATCH")
        {
            request.Content = GraphQLHttpHost.Json("""{"query":"mutation { increment }"}""");
        }

        var response = await _host.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("GET, POST", response.Allow);
        Assert.Equal(0, _host.Probe.Counter);
        if (method != "HEAD")
        {
            Assert.Equal("METHOD_NOT_ALLOWED", response.FirstErrorCode);
        }
    }

    [Fact]
    public async Task Send_UnsupportedMethodWithGetDisabled_AllowsOnlyPost()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.EnableGet = false);

        var response = await host.SendAsync(new HttpRequestMessage(HttpMethod.Put, GraphQLHttpHost.Path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
    }
}
