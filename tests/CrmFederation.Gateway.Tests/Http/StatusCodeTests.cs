using System.Net;
using System.Text.Json;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>
/// A result without data (the document never ran) is a 400 under application/graphql-response+json
/// and a 200 under application/json; a result with data is a 200 under both.
/// </summary>
public sealed class StatusCodeTests : IAsyncLifetime
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";

    private GraphQLHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await GraphQLHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, HttpStatusCode> InvalidDocumentStatuses => new()
    {
        { GraphQLResponseJson, HttpStatusCode.BadRequest },
        { Json, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(InvalidDocumentStatuses))]
    public async Task Post_DocumentThatDoesNotParse_DependsOnMediaType(string accept, HttpStatusCode expected)
    {
        var response = await _host.PostAsync("""{"query":"{ hello"}""", accept);

        Assert.Equal(expected, response.Status);
        Assert.StartsWith(accept + ";", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("SYNTAX_ERROR", response.FirstErrorCode);
        Assert.False(response.HasData);
    }

    [Theory]
    [MemberData(nameof(InvalidDocumentStatuses))]
    public async Task Post_DocumentThatFailsValidation_DependsOnMediaType(string accept, HttpStatusCode expected)
    {
        var response = await _host.PostAsync("""{"query":"{ nope }"}""", accept);

        Assert.Equal(expected, response.Status);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", response.FirstErrorCode);
        Assert.False(response.HasData);
    }

    [Theory]
    [MemberData(nameof(InvalidDocumentStatuses))]
    public async Task Get_DocumentThatFailsValidation_DependsOnMediaType(string accept, HttpStatusCode expected)
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("{ nope }"), accept);

        Assert.Equal(expected, response.Status);
        Assert.False(response.HasData);
    }

    [Theory]
    [MemberData(nameof(InvalidDocumentStatuses))]
    public async Task Post_UnknownOperationName_DependsOnMediaType(string accept, HttpStatusCode expected)
    {
        var body = JsonSerializer.Serialize(new { query = "query A { hello } query B { hello }", operationName = "C" });

        var response = await _host.PostAsync(body, accept);

        Assert.Equal(expected, response.Status);
        Assert.False(response.HasData);
    }

    [Theory]
    [MemberData(nameof(InvalidDocumentStatuses))]
    public async Task Post_VariableOfWrongType_DependsOnMediaType(string accept, HttpStatusCode expected)
    {
        var body = JsonSerializer.Serialize(new { query = "query($who: String) { hello(name: $who) }", variables = new { who = new[] { 1, 2 } } });

        var response = await _host.PostAsync(body, accept);

        Assert.Equal(expected, response.Status);
        Assert.False(response.HasData);
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Post_FieldErrorWithPartialData_Returns200(string accept)
    {
        var response = await _host.PostAsync("""{"query":"{ hello boom }"}""", accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, world!", response.Data.GetProperty("hello").GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("boom").ValueKind);
        Assert.Equal("boom", response.Errors[0].GetProperty("path")[0].GetString());
    }

    [Fact]
    public async Task Post_ResolverException_DoesNotEchoItsMessage()
    {
        var response = await _host.PostAsync("""{"query":"{ boom }"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.DoesNotContain("hunter2", response.Text, StringComparison.Ordinal);
    }
}
