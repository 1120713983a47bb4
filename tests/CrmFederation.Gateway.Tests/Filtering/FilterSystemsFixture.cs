using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Filtering;

/// <summary>
/// The sample systems and a gateway (item cache off, the <see cref="RowCallers"/> keys known), with every
/// record of the systems read through their REST APIs (<see cref="SampleRestData"/>) to compute expected answers.
/// </summary>
public sealed class FilterSystemsFixture : SampleSystemsFixture, IAsyncLifetime
{
    public SampleRestData Rest { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Rest = await SampleRestData.LoadAsync(Systems);
    }

    protected override IEnumerable<KeyValuePair<string, string?>> GatewaySettings() =>
        base.GatewaySettings().Append(new(DemoApiKeys.Variable, RowCallers.Secret()));

    /// <summary>Posts a query with request extensions (<c>{"explain": true}</c>) as <paramref name="apiKey"/>.</summary>
    public async Task<JsonElement> PostAsync(string query, object? variables, object? extensions = null, string apiKey = DemoApiKeys.Admin)
    {
        using var http = CreateClient(apiKey);
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables, extensions });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class FilterCollection : ICollectionFixture<FilterSystemsFixture>
{
    public const string Name = "Filters and sorts over the sample systems";
}
