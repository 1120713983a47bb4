using System.Net;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Http;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// Trusted documents on the real gateway over the sample systems: the sample "frontend" role runs only
/// the operations of trusted-documents.json (the README's example queries), sent by hash (Apollo's
/// extensions.persistedQuery or GraphQL-over-HTTP's documentId) or as their exact text; anything else is
/// refused before it is parsed, so no source is called. The analyst role may send any document, and
/// may use the hashes too.
/// </summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class TrustedDocumentTests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    /// <summary>The README's second example, a listed trusted document.</summary>
    private const string EnterpriseCustomers =
        "{ customers(first: 5, segment: ENTERPRISE, country: \"DE\", orderBy: NAME_ASC) { totalCount pageInfo { hasNextPage endCursor } nodes { id name lifecycleStage } } }";

    private static readonly string EnterpriseCustomersHash = TrustedDocumentRegistry.HashOf(EnterpriseCustomers);

    public async Task InitializeAsync()
    {
        // The CRM token is fetched once and cached; fetch it here so that no test counts that call.
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Post_FrontendApolloHashOfAListedDocument_RunsIt()
    {
        var response = await PostAsync(DemoApiKeys.Frontend, new { extensions = new { persistedQuery = new { version = 1, sha256Hash = EnterpriseCustomersHash } } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(5, response.Data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Post_FrontendDocumentIdOfAListedDocument_RunsIt()
    {
        var response = await PostAsync(DemoApiKeys.Frontend, new { documentId = "sha256:" + EnterpriseCustomersHash });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(5, response.Data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Get_FrontendDocumentIdOfAListedDocument_RunsIt()
    {
        using var http = fixture.CreateClient(DemoApiKeys.Frontend);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?documentId=sha256:" + EnterpriseCustomersHash);
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        using var response = await http.SendAsync(request);
        var body = await GraphQLHttpResponse.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, body.Status);
        Assert.Equal(5, body.Data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Post_FrontendExactTextOfAListedDocument_RunsIt()
    {
        var response = await PostAsync(DemoApiKeys.Frontend, new { query = EnterpriseCustomers });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(5, response.Data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
    }

    [Theory]
    [InlineData("{ customers(first: 100) { nodes { id name primaryEmail } } }")]
    [InlineData(EnterpriseCustomers + " ")]
    public async Task Post_FrontendUnlistedDocument_RefusedWithoutAnyUpstreamCall(string query)
    {
        var response = await PostAsync(DemoApiKeys.Frontend, new { query });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.HasData);
        Assert.Equal("OPERATION_NOT_TRUSTED", response.FirstErrorCode);
        Assert.Empty(await fixture.CallsAsync());
    }

    [Fact]
    public async Task Post_FrontendUnlistedDocumentWithItsOwnHash_Refused()
    {
        const string query = "{ customers(first: 100) { nodes { id primaryEmail } } }";

        var response = await PostAsync(DemoApiKeys.Frontend, new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = TrustedDocumentRegistry.HashOf(query) } } });

        Assert.Equal("OPERATION_NOT_TRUSTED", response.FirstErrorCode);
        Assert.Empty(await fixture.CallsAsync());
    }

    [Theory]
    [InlineData(DemoApiKeys.Frontend)]
    [InlineData(DemoApiKeys.Analyst)]
    public async Task Post_HashOfNoTrustedDocument_PersistedQueryNotFound(string apiKey)
    {
        var response = await PostAsync(apiKey, new { documentId = "sha256:" + new string('0', 64) });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", response.FirstErrorCode);
        Assert.Empty(await fixture.CallsAsync());
    }

    [Fact]
    public async Task Post_QueryWithAHashThatIsNotItsOwn_Refused()
    {
        var response = await PostAsync(DemoApiKeys.Analyst, new { query = "{ customer(id: \"C-000042\") { name } }", documentId = "sha256:" + EnterpriseCustomersHash });

        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", response.FirstErrorCode);
        Assert.Empty(await fixture.CallsAsync());
    }

    [Fact]
    public async Task Post_AnalystAnyDocument_Runs()
    {
        var response = await PostAsync(DemoApiKeys.Analyst, new { query = "{ customer(id: \"C-000042\") { id name } }" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("C-000042", response.Data.GetProperty("customer").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_AnalystHashOnly_LooksTheDocumentUp()
    {
        var response = await PostAsync(DemoApiKeys.Analyst, new { extensions = new { persistedQuery = new { version = 1, sha256Hash = EnterpriseCustomersHash.ToUpperInvariant() } } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(5, response.Data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Post_PersistedQueryExtensionWithoutAHash_400JsonInvalid()
    {
        var response = await PostAsync(DemoApiKeys.Analyst, new { extensions = new { persistedQuery = new { version = 1 } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_INVALID", response.FirstErrorCode);
    }

    private async Task<GraphQLHttpResponse> PostAsync(string apiKey, object body)
    {
        using var http = fixture.CreateClient(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = GraphQLHttpHost.Json(JsonSerializer.Serialize(body)) };
        // The spec's media type, under which a document that cannot run is a 400 (application/json answers 200).
        request.Headers.Add("Accept", "application/graphql-response+json");
        using var response = await http.SendAsync(request);
        return await GraphQLHttpResponse.ReadAsync(response);
    }
}
