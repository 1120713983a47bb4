using System.Net.Http.Json;
using System.Text.Json;

namespace CrmFederation.Benchmarks;

/// <summary>Prints the sum of the sample systems' <c>/_sim/stats</c> totals: the upstream calls the gateway made.</summary>
public static class UpstreamCalls
{
    public static async Task<int> PrintAsync(string[] systems)
    {
        using var http = new HttpClient();
        var total = 0;
        foreach (var system in systems)
        {
            var stats = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(system), "/_sim/stats"));
            total += stats.GetProperty("total").GetInt32();
        }

        Console.WriteLine(total);
        return 0;
    }
}
