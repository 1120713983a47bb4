using System.Net;
using System.Text.Json;

namespace CrmFederation.SampleSystems.Tests.TestSupport;

/// <summary>Reading answers as <see cref="JsonElement"/>s, and the small queries the tests make on them.</summary>
public static class Json
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> FetchAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static string[] Strings(this JsonElement array, string property)
    {
        var values = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            values.Add(item.GetProperty(property).ToString());
        }

        return [.. values];
    }

    public static string[] PropertyNames(this JsonElement element)
    {
        var names = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            names.Add(property.Name);
        }

        return [.. names];
    }

    public static string Error(this JsonElement body) => body.GetProperty("error").GetString()!;
}
