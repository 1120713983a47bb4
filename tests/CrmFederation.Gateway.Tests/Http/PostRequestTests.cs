using System.Net;
using System.Text.Json;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class PostRequestTests : IAsyncLifetime
{
    private GraphQLHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await GraphQLHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_JsonQueryWithoutAccept_ReturnsDataAsJson()
    {
        var response = await _host.PostAsync("""{"query":"{ hello }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("""{"data":{"hello":"Hello, world!"}}""", response.Text);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("APPLICATION/JSON")]
    public async Task Post_JsonWithUtf8OrNoCharset_Succeeds(string contentType)
    {
        var response = await _host.PostAsync("""{"query":"{ hello(name: \"Zoë\") }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, Zoë!", response.Data.GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=nonsense")]
    public async Task Post_JsonWithOtherCharset_Returns415(string contentType)
    {
        var response = await _host.PostAsync("""{"query":"{ hello }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("INVALID_CONTENT_TYPE", response.FirstErrorCode);
        Assert.False(response.HasData);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/x-ndjson")]
    public async Task Post_UnsupportedContentType_Returns415(string contentType)
    {
        var response = await _host.PostAsync("""{"query":"{ hello }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("INVALID_CONTENT_TYPE", response.FirstErrorCode);
    }

    [Fact]
    public async Task Post_UnparseableContentType_Returns415()
    {
        var response = await _host.PostAsync("""{"query":"{ hello }"}""", contentType: "not a media type");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("INVALID_CONTENT_TYPE", response.FirstErrorCode);
    }

    [Fact]
    public async Task Post_MissingContentTypeWithCsrfHeader_Returns415()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path) { Content = new ByteArrayContent("""{"query":"{ hello }"}"""u8.ToArray()) };
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        var response = await _host.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("INVALID_CONTENT_TYPE", response.FirstErrorCode);
    }

    [Theory]
    [InlineData("application/graphql")]
    [InlineData("application/graphql; charset=utf-8")]
    public async Task Post_GraphQLContentType_ExecutesBodyAsQuery(string contentType)
    {
        var response = await _host.PostAsync("""{ hello(name: "body") }""", contentType: contentType);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, body!", response.Data.GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("""{"query":""", "(line 1, byte 10)")]
    [InlineData("NONSENSE", "(line 1, byte 1)")]
    [InlineData("", "(line 1, byte 1)")]
    [InlineData("{\n  \"query\": \"{ hello }\",\n  oops\n}", "(line 3, byte 3)")]
    [InlineData("""{"query":"{ hello }"} trailing""", "(line 1, byte 23)")]
    public async Task Post_MalformedJson_Returns400JsonInvalidWithPosition(string body, string position)
    {
        foreach (var accept in new[] { "application/graphql-response+json", "application/json" })
        {
            var response = await _host.PostAsync(body, accept);

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("JSON_INVALID", response.FirstErrorCode);
            Assert.Equal($"The request body is not valid JSON {position}.", response.Errors[0].GetProperty("message").GetString());
            Assert.False(response.HasData);
        }
    }

    [Theory]
    [InlineData("""[{"query":"{ hello }"}]""")]
    [InlineData("\"{ hello }\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task Post_BodyNotAnObject_Returns400JsonInvalid(string body)
    {
        var response = await _host.PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_INVALID", response.FirstErrorCode);
    }

    [Theory]
    [InlineData("""{"query":"{ hello }","variables":[1]}""")]
    [InlineData("""{"query":"{ hello }","variables":"{}"}""")]
    [InlineData("""{"query":"{ hello }","extensions":7}""")]
    [InlineData("""{"query":{"text":"{ hello }"}}""")]
    [InlineData("""{"query":["{ hello }"]}""")]
    [InlineData("""{"query":"{ hello }","operationName":5}""")]
    public async Task Post_ParameterOfWrongType_Returns400JsonInvalidDescribingTheShape(string body)
    {
        var response = await _host.PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_INVALID", response.FirstErrorCode);
        Assert.Equal(
            "The request body must be an object with a string 'query' (or 'documentId') and optional 'operationName' (string), 'variables' and 'extensions' (objects).",
            response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_JsonInvalid_DoesNotEchoServerTypes()
    {
        var response = await _host.PostAsync("""{"query":"{ hello }","variables":[1]}""");

        var message = response.Errors[0].GetProperty("message").GetString()!;
        Assert.DoesNotContain("GraphQL.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "application/graphql-response+json")]
    [InlineData("{}", "application/json")]
    [InlineData("""{"query":null}""", "application/json")]
    [InlineData("""{"query":""}""", "application/json")]
    [InlineData("""{"qeury":"{ hello }"}""", "application/graphql-response+json")]
    public async Task Post_MissingQuery_Returns400QueryMissing(string body, string accept)
    {
        var response = await _host.PostAsync(body, accept);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("QUERY_MISSING", response.FirstErrorCode);
    }

    [Fact]
    public async Task Post_Mutation_Executes()
    {
        var first = await _host.PostAsync("""{"query":"mutation { increment }"}""");
        var second = await _host.PostAsync("""{"query":"mutation { increment }"}""");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(1, first.Data.GetProperty("increment").GetInt32());
        Assert.Equal(2, second.Data.GetProperty("increment").GetInt32());
    }

    [Fact]
    public async Task Post_Variables_AreBound()
    {
        var body = JsonSerializer.Serialize(new { query = "query Greet($who: String) { hello(name: $who) }", variables = new { who = "Ada" } });

        var response = await _host.PostAsync(body);

        Assert.Equal("Hello, Ada!", response.Data.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Post_NullVariablesAndOperationName_AreIgnored()
    {
        var response = await _host.PostAsync("""{"query":"{ hello }","operationName":null,"variables":null,"extensions":null}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, world!", response.Data.GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("Greeting", """{"data":{"hello":"Hello, world!"}}""")]
    [InlineData("Count", """{"data":{"increment":1}}""")]
    public async Task Post_OperationName_SelectsOperation(string operationName, string expected)
    {
        var body = JsonSerializer.Serialize(new { query = "query Greeting { hello } mutation Count { increment }", operationName });

        var response = await _host.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.Text);
    }

    [Fact]
    public async Task Post_Extensions_ReachResolvers()
    {
        var response = await _host.PostAsync("""{"query":"{ tag }","extensions":{"tag":"from-client"}}""");

        Assert.Equal("from-client", response.Data.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Post_UnknownProperties_AreIgnored()
    {
        var response = await _host.PostAsync("""{"query":"{ hello }","documentId":"x","future":{"a":[1,2]}}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, world!", response.Data.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Post_AuthenticatedUser_ReachesResolvers()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path) { Content = GraphQLHttpHost.Json("""{"query":"{ whoami }"}""") };
        request.Headers.Add(GraphQLHttpHost.UserHeader, "grace");

        var response = await _host.SendAsync(request);

        Assert.Equal("grace", response.Data.GetProperty("whoami").GetString());
    }
}
