using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Access;

namespace CrmFederation.Benchmarks;

/// <summary>Prints each source's cache hit ratio since the gateway started, from its <c>/status/sources</c>.</summary>
public static class CacheHitRatios
{
    public static async Task<int> PrintAsync(string[] args)
    {
        if (args is not [var gateway, var apiKey])
        {
            Console.Error.WriteLine("cache-ratios <gateway-url> <api-key with the admin scope>");
            return 2;
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        var status = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(gateway), "/status/sources"));
        var ratios = status.GetProperty("sources").EnumerateArray().Select(source =>
            source.GetProperty("name").GetString() + " " + (source.GetProperty("cacheHitRatio") is { ValueKind: JsonValueKind.Number } ratio
                ? ratio.GetDouble().ToString("0.00", CultureInfo.InvariantCulture)
                : "-"));
        Console.WriteLine(string.Join(", ", ratios));
        return 0;
    }
}
