using System.Net;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class GetRequestTests : IAsyncLifetime
{
    private GraphQLHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await GraphQLHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_Query_ReturnsData()
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("{ hello }"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("""{"data":{"hello":"Hello, world!"}}""", response.Text);
    }

    [Fact]
    public async Task Get_VariablesOperationNameAndExtensions_AreBound()
    {
        var url = GraphQLHttpHost.QueryString(
            "query Other { tag } query Greet($who: String) { hello(name: $who) tag }",
            operationName: "Greet",
            variables: """{"who":"Linus"}""",
            extensions: """{"tag":"t1"}""");

        var response = await _host.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"data":{"hello":"Hello, Linus!","tag":"t1"}}""", response.Text);
    }

    [Fact]
    public async Task Get_EmptyOptionalParameters_CountAsAbsent()
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("{ hello }", operationName: "", variables: "", extensions: ""));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, world!", response.Data.GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/json")]
    public async Task Get_Mutation_Returns405WithAllowPost(string accept)
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("mutation { increment }"), accept);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
        Assert.Equal("HTTP_METHOD_VALIDATION", response.FirstErrorCode);
        Assert.False(response.HasData);
        Assert.Equal(0, _host.Probe.Counter);
    }

    [Theory]
    [InlineData("Count", HttpStatusCode.MethodNotAllowed)]
    [InlineData("Greeting", HttpStatusCode.OK)]
    public async Task Get_OperationName_DecidesWhetherAMutationIsRefused(string operationName, HttpStatusCode expected)
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("query Greeting { hello } mutation Count { increment }", operationName));

        Assert.Equal(expected, response.Status);
        Assert.Equal(0, _host.Probe.Counter);
    }

    [Fact]
    public async Task Get_Mutation_RefusedAlsoForDocumentsCachedAsValidated()
    {
        // An app that caches validated documents (the gateway does) re-runs only these rules.
        await _host.GetAsync(GraphQLHttpHost.QueryString("mutation { increment }"));

        var options = _host.Probe.LastExecution!.Options;
        Assert.Contains(options.CachedDocumentValidationRules!, rule => rule is CrmFederation.Gateway.Http.HttpGetOperationRule);
        Assert.Contains(options.ValidationRules!, rule => rule is CrmFederation.Gateway.Http.HttpGetOperationRule);
    }

    [Theory]
    [InlineData("{", "variables")]
    [InlineData("[1,2]", "variables")]
    [InlineData("\"who\"", "variables")]
    public async Task Get_VariablesNotAJsonObject_Returns400JsonInvalid(string variables, string parameter)
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("{ hello }", variables: variables));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_INVALID", response.FirstErrorCode);
        Assert.Contains($"'{parameter}'", response.Errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ExtensionsNotAJsonObject_Returns400JsonInvalid()
    {
        var response = await _host.GetAsync(GraphQLHttpHost.QueryString("{ hello }", extensions: "nope"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_INVALID", response.FirstErrorCode);
    }

    [Theory]
    [InlineData(GraphQLHttpHost.Path)]
    [InlineData(GraphQLHttpHost.Path + "?query=")]
    [InlineData(GraphQLHttpHost.Path + "?operationName=Greeting")]
    public async Task Get_MissingQuery_Returns400QueryMissing(string url)
    {
        var response = await _host.GetAsync(url, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("QUERY_MISSING", response.FirstErrorCode);
    }

    [Fact]
    public async Task Get_Disabled_Returns405WithAllowPost()
    {
        await using var host = await GraphQLHttpHost.StartAsync(options => options.EnableGet = false);

        var response = await host.GetAsync(GraphQLHttpHost.QueryString("{ hello }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", response.FirstErrorCode);
    }
}
