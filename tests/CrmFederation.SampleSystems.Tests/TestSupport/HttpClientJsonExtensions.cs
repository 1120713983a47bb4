namespace CrmFederation.SampleSystems.Tests.TestSupport;

/// <summary>GET as a cloned <see cref="JsonElement"/>, for the knobs' plain JSON answers.</summary>
public static class HttpClientJsonExtensions
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, Uri url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }
}
