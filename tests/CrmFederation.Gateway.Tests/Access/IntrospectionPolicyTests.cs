using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// Introspection and "Did you mean" suggestions follow policies.json: on for callers with the developer
/// scope (the admin) and for everyone in demo mode, off for the others. These requests call no source.
/// </summary>
public sealed class IntrospectionPolicyTests : IAsyncLifetime
{
    private const string Introspection = "{ __schema { queryType { name } } }";
    private const string Misspelt = "{ customer(id: \"C-000001\") { nam } }";

    private readonly GatewayFactory _gateway = Start(demo: false);
    private readonly GatewayFactory _demo = Start(demo: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _demo.DisposeAsync();
    }

    [Fact]
    public async Task Introspection_Developer_Answered()
    {
        var data = (await PostAsync(_gateway, DemoApiKeys.Admin, Introspection)).GetProperty("data");

        Assert.Equal("Query", data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(DemoApiKeys.Agent, "{ __schema { queryType { name } } }")]
    [InlineData(DemoApiKeys.Analyst, "{ __type(name: \"Customer\") { fields { name } } }")]
    public async Task Introspection_CallerWithoutDeveloperScope_RefusedWithAClearError(string apiKey, string query)
    {
        var result = await PostAsync(_gateway, apiKey, query);

        Assert.False(result.TryGetProperty("data", out _));
        Assert.Equal("Introspection queries are not allowed.", Assert.Single(result.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Introspection_DocumentFirstValidatedForADeveloper_StillRefusedForOthers()
    {
        Assert.True((await PostAsync(_gateway, DemoApiKeys.Admin, Introspection)).TryGetProperty("data", out _));

        var result = await PostAsync(_gateway, DemoApiKeys.Analyst, Introspection);

        Assert.False(result.TryGetProperty("data", out _));
        Assert.Single(result.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Typename_CallerWithoutDeveloperScope_Answered()
    {
        var data = (await PostAsync(_gateway, DemoApiKeys.Analyst, "{ __typename }")).GetProperty("data");

        Assert.Equal("Query", data.GetProperty("__typename").GetString());
    }

    [Theory]
    [InlineData(DemoApiKeys.Agent)]
    [InlineData(DemoApiKeys.Analyst)]
    public async Task Introspection_DemoMode_AnsweredForEveryCaller(string apiKey)
    {
        var data = (await PostAsync(_demo, apiKey, Introspection)).GetProperty("data");

        Assert.Equal("Query", data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Suggestions_Developer_DidYouMeanInTheMessage()
    {
        var error = await SingleErrorAsync(_gateway, DemoApiKeys.Admin, Misspelt);

        Assert.Equal("Cannot query field 'nam' on type 'Customer'. Did you mean 'name'?", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Suggestions_CallerWithoutDeveloperScope_OmittedEverythingElseKept()
    {
        var developers = await SingleErrorAsync(_gateway, DemoApiKeys.Admin, Misspelt);

        var error = await SingleErrorAsync(_gateway, DemoApiKeys.Analyst, Misspelt);

        Assert.Equal("Cannot query field 'nam' on type 'Customer'.", error.GetProperty("message").GetString());
        Assert.Equal(developers.GetProperty("locations").GetRawText(), error.GetProperty("locations").GetRawText());
        Assert.Equal(developers.GetProperty("extensions").GetRawText(), error.GetProperty("extensions").GetRawText());
    }

    [Fact]
    public async Task Suggestions_UnknownArgumentWithoutDeveloperScope_Omitted()
    {
        var error = await SingleErrorAsync(_gateway, DemoApiKeys.Agent, "{ customers(frist: 5) { totalCount } }");

        Assert.DoesNotContain("Did you mean", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("first", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_DemoMode_ShownToEveryCaller()
    {
        var error = await SingleErrorAsync(_demo, DemoApiKeys.Analyst, Misspelt);

        Assert.EndsWith("Did you mean 'name'?", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> SingleErrorAsync(GatewayFactory gateway, string apiKey, string query) =>
        Assert.Single((await PostAsync(gateway, apiKey, query)).GetProperty("errors").EnumerateArray());

    /// <summary>The response body, whatever the status: a refused document is a 400 under application/graphql-response+json.</summary>
    private static async Task<JsonElement> PostAsync(GatewayFactory gateway, string apiKey, string query)
    {
        using var http = DemoCallers.Authenticate(gateway.CreateClient(), apiKey);
        using var response = await http.PostAsJsonAsync("/graphql", new { query });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static GatewayFactory Start(bool demo) => new(ConfigSandbox.SampleVariables
        .Select(variable => new KeyValuePair<string, string?>(variable.Key, variable.Value))
        .Append(new("Gateway:ConfigPath", RepositoryPaths.GatewayConfig))
        .Append(new("Gateway:Demo", demo ? "true" : "false")));
}
