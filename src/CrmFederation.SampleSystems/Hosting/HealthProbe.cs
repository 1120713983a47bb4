namespace CrmFederation.SampleSystems.Hosting;

/// <summary><c>healthcheck &lt;url&gt;</c>: exits 0 when the URL answers 2xx, 1 otherwise.</summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
