using System.Text.Json;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.Http;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// The real gateway over a config sandbox, its sources at the sample's default addresses (nothing listens
/// there): for requests refused before any call, or answered from the schema alone.
/// </summary>
public static class SandboxGateway
{
    private const string GraphQLResponse = "application/graphql-response+json";

    public static GatewayFactory Start(ConfigSandbox sandbox, params KeyValuePair<string, string?>[] settings) =>
        GatewayFactory.OverConfig(sandbox.Directory, [.. settings.Select(setting => (setting.Key, setting.Value))]);

    public static Task<GraphQLHttpResponse> PostQueryAsync(GatewayFactory gateway, string query) =>
        PostBodyAsync(gateway, JsonSerializer.Serialize(new { query }));

    public static async Task<GraphQLHttpResponse> PostBodyAsync(GatewayFactory gateway, string body, HttpClient? client = null)
    {
        using var owned = client is null ? gateway.CreateClient() : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = GraphQLHttpHost.Json(body) };
        request.Headers.Add("Accept", GraphQLResponse);
        using var response = await (client ?? owned!).SendAsync(request);
        return await GraphQLHttpResponse.ReadAsync(response);
    }
}
