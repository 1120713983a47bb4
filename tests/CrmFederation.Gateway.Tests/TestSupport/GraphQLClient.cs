using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>Posts GraphQL requests to the gateway and returns the parsed response.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var result = await QueryAsync(query, variables);
        Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        return result.GetProperty("data");
    }

    public static JsonNode? Node(JsonElement element) => JsonNode.Parse(element.GetRawText());
}
