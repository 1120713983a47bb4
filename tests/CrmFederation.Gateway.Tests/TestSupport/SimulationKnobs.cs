using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>The sample systems' <c>/_sim</c> endpoints: reset, faults and the calls each system counted itself.</summary>
public sealed class SimulationKnobs(RunningSampleSystems systems) : IDisposable
{
    private readonly HttpClient _sim = new();

    /// <summary>Every system back to its defaults (no faults, a fresh rate limiter) with its call counters at zero.</summary>
    public async Task ResetAsync()
    {
        foreach (var system in new[] { systems.CrmBaseUrl, systems.ErpBaseUrl, systems.HelpdeskBaseUrl, systems.CommerceBaseUrl })
        {
            using var response = await _sim.PostAsync(new Uri(system, "/_sim/reset"), null);
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task SetFaultsAsync(Uri system, object faults)
    {
        using var response = await _sim.PostAsJsonAsync(new Uri(system, "/_sim/faults"), faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Calls per route of one system since the last reset ("GET /api/v2/tickets" → 3), routes never called included.</summary>
    public async Task<Dictionary<string, int>> CallsAsync(Uri system)
    {
        var stats = await _sim.GetFromJsonAsync<JsonElement>(new Uri(system, "/_sim/stats"));
        return stats.GetProperty("routes").EnumerateObject().ToDictionary(route => route.Name, route => route.Value.GetInt32(), StringComparer.Ordinal);
    }

    public void Dispose() => _sim.Dispose();
}
