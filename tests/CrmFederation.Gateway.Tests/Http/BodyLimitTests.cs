using System.Net;
using System.Text;
using CrmFederation.Gateway.Http;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class BodyLimitTests
{
    private const int Limit = 2048;

    [Fact]
    public async Task Post_DeclaredLengthOverLimit_Returns413()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.MaxRequestBodyBytes = Limit);

        var response = await host.PostAsync(BodyOfLength(Limit + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("BODY_TOO_LARGE", response.FirstErrorCode);
        Assert.Null(host.Probe.LastExecution);
    }

    [Fact]
    public async Task Post_StreamedBodyOverLimit_Returns413()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.MaxRequestBodyBytes = Limit);
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path) { Content = new UnknownLengthContent(BodyOfLength(Limit * 4), "application/json") };

        var response = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("BODY_TOO_LARGE", response.FirstErrorCode);
    }

    [Fact]
    public async Task Post_StreamedBodyOverLimitOnKestrel_Returns413()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.MaxRequestBodyBytes = Limit, kestrel: true);
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path) { Content = new UnknownLengthContent(BodyOfLength(Limit * 4), "application/json") };

        var response = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("BODY_TOO_LARGE", response.FirstErrorCode);
    }

    [Fact]
    public async Task Post_GraphQLBodyOverLimit_Returns413()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.MaxRequestBodyBytes = Limit);
        var query = "{ hello }" + new string(' ', Limit);
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path) { Content = new UnknownLengthContent(query, "application/graphql") };

        var response = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
    }

    [Fact]
    public async Task Post_BodyExactlyAtLimit_Succeeds()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.MaxRequestBodyBytes = Limit);

        var declared = await host.PostAsync(BodyOfLength(Limit));
        var streamed = await host.SendAsync(new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path)
        {
            Content = new UnknownLengthContent(BodyOfLength(Limit), "application/json"),
        });

        Assert.Equal(HttpStatusCode.OK, declared.Status);
        Assert.Equal(HttpStatusCode.OK, streamed.Status);
    }

    [Fact]
    public async Task Post_DefaultLimit_IsOneMebibyte()
    {
        await using var host = await GraphQLHttpHost.StartAsync();

        var under = await host.PostAsync(BodyOfLength((int)GraphQLHttpOptions.DefaultMaxRequestBodyBytes));
        var over = await host.PostAsync(BodyOfLength((int)GraphQLHttpOptions.DefaultMaxRequestBodyBytes + 1));

        Assert.Equal(HttpStatusCode.OK, under.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.Status);
    }

    /// <summary>A valid request of exactly <paramref name="length"/> UTF-8 bytes, padded with whitespace.</summary>
    private static string BodyOfLength(int length)
    {
        const string request = """{"query":"{ hello }"}""";
        var body = request + new string(' ', length - request.Length);
        Assert.Equal(length, Encoding.UTF8.GetByteCount(body));
        return body;
    }
}
