using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.Writes;

/// <summary>
/// Sample systems of their own (writes change their data, which no other collection may see) and one
/// gateway in front of them with the in-memory item cache on, so that a write's eviction shows.
/// </summary>
public sealed class WriteSystemsFixture : SampleSystemsFixture
{
    private SampleCustomers? _customers;

    public SampleCustomers Customers => _customers ??= new SampleCustomers(Systems.Data);

    protected override IEnumerable<KeyValuePair<string, string?>> GatewaySettings() => [new("Gateway:Cache:Enabled", "true")];

    /// <summary>Sends <paramref name="query"/> with <paramref name="apiKey"/> and, if given, an <c>Idempotency-Key</c>; returns the parsed response.</summary>
    public async Task<JsonElement> MutateAsync(string query, object variables, string apiKey = Host.DemoApiKeys.Admin, string? idempotencyKey = null)
    {
        using var http = CreateClient(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The customer as the CRM's own REST API serves it now.</summary>
    public async Task<JsonElement> CrmCustomerAsync(string id)
    {
        using var http = new HttpClient();
        using var token = await http.PostAsync(new Uri(Systems.CrmBaseUrl, "/oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SampleCredentials.CrmClientId,
            ["client_secret"] = SampleCredentials.CrmClientSecret,
        }));
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return await http.GetFromJsonAsync<JsonElement>(new Uri(Systems.CrmBaseUrl, "/crm/v3/customers/" + id));
    }
}

[CollectionDefinition(Name)]
public sealed class WriteSystemsCollection : ICollectionFixture<WriteSystemsFixture>
{
    public const string Name = "Writes over sample systems of their own";
}
