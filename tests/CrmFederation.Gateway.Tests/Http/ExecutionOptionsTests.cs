using System.Text.Json;
using GraphQL.Validation;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>What the endpoint hands GraphQL.NET: the request, and nothing about the schema.</summary>
public sealed class ExecutionOptionsTests : IAsyncLifetime
{
    private GraphQLHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await GraphQLHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_Request_BecomesExecutionOptions()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttpHost.Path)
        {
            Content = GraphQLHttpHost.Json(JsonSerializer.Serialize(new
            {
                query = "query Q($who: String) { hello(name: $who) }",
                operationName = "Q",
                variables = new { who = "Ada" },
                extensions = new { tag = "t" },
            })),
        };
        request.Headers.Add(GraphQLHttpHost.UserHeader, "ada");

        await _host.SendAsync(request);

        var execution = _host.Probe.LastExecution!;
        var options = execution.Options;
        Assert.Equal("query Q($who: String) { hello(name: $who) }", options.Query);
        Assert.Equal("Q", options.OperationName);
        Assert.Equal("Ada", options.Variables!["who"]);
        Assert.Equal("t", options.Extensions!["tag"]);
        Assert.Same(execution.RequestServices, options.RequestServices);
        Assert.Same(execution.User, options.User);
        Assert.Equal("ada", options.User!.Identity!.Name);
        Assert.Equal(execution.RequestAborted, options.CancellationToken);
    }

    [Theory]
    [InlineData("""{"documentId":"sha256:abc"}""")]
    [InlineData("""{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}""")]
    [InlineData("""{"query":"","documentId":"sha256:abc","extensions":{"persistedQuery":{"version":1,"sha256Hash":"def"}}}""")]
    public async Task Post_DocumentNamedByHash_BecomesTheDocumentIdWithoutAQuery(string body)
    {
        await _host.PostAsync(body);

        var options = _host.Probe.LastExecution!.Options;
        Assert.Null(options.Query);
        Assert.Equal("sha256:abc", options.DocumentId);
    }

    [Fact]
    public async Task Get_DocumentIdParameter_BecomesTheDocumentId()
    {
        await _host.GetAsync(GraphQLHttpHost.Path + "?documentId=sha256:abc");

        Assert.Equal("sha256:abc", _host.Probe.LastExecution!.Options.DocumentId);
    }

    [Theory]
    [InlineData("""{"extensions":{"persistedQuery":"abc"}}""")]
    [InlineData("""{"extensions":{"persistedQuery":{"version":1}}}""")]
    [InlineData("""{"query":"{ hello }","extensions":{"persistedQuery":{"sha256Hash":7}}}""")]
    public async Task Post_PersistedQueryWithoutAStringHash_Returns400JsonInvalid(string body)
    {
        var response = await _host.PostAsync(body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_INVALID", response.FirstErrorCode);
        Assert.Null(_host.Probe.LastExecution);
    }

    [Fact]
    public async Task Post_Request_KeepsGraphQLDefaultValidationRules()
    {
        await _host.PostAsync("""{"query":"{ hello }"}""");

        var options = _host.Probe.LastExecution!.Options;
        Assert.Null(options.ValidationRules);
        Assert.Null(options.CachedDocumentValidationRules);
    }

    [Fact]
    public async Task Get_Request_AddsItsRuleToTheCoreRules()
    {
        await _host.GetAsync(GraphQLHttpHost.QueryString("{ hello }"));

        var rules = _host.Probe.LastExecution!.Options.ValidationRules!.ToList();
        Assert.All(DocumentValidator.CoreRules, rule => Assert.Contains(rule, rules));
        Assert.Single(rules, rule => rule is CrmFederation.Gateway.Http.HttpGetOperationRule);
    }
}
