using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Tests.TestSupport;

/// <summary>
/// The four sample systems on free ports, with an HTTP client per system that already carries its
/// credentials (the CRM one a fresh OAuth2 token), and helpers for the <c>/_sim</c> knobs.
/// </summary>
public sealed class TestSystems : IAsyncDisposable
{
    /// <summary>Enough customers for several list pages and all five busy helpdesk organizations, quick to start.</summary>
    public const int DefaultCustomerCount = 2_000;

    private TestSystems(RunningSampleSystems running)
    {
        Running = running;
        Crm = new HttpClient { BaseAddress = running.CrmBaseUrl };
        Erp = new HttpClient { BaseAddress = running.ErpBaseUrl };
        Erp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SampleCredentials.ErpUser}:{SampleCredentials.ErpPassword}")));
        Helpdesk = new HttpClient { BaseAddress = running.HelpdeskBaseUrl };
        Helpdesk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SampleCredentials.HelpdeskToken);
        Commerce = new HttpClient { BaseAddress = running.CommerceBaseUrl };
        Commerce.DefaultRequestHeaders.Add("X-Shopify-Access-Token", SampleCredentials.CommerceToken);
    }

    public RunningSampleSystems Running { get; }

    public SampleDataSet Data => Running.Data;

    public HttpClient Crm { get; }

    public HttpClient Erp { get; }

    public HttpClient Helpdesk { get; }

    public HttpClient Commerce { get; }

    /// <summary>A client with no credentials and no base address.</summary>
    public HttpClient Anonymous { get; } = new();

    public IReadOnlyList<Uri> BaseUrls => [Running.CrmBaseUrl, Running.ErpBaseUrl, Running.HelpdeskBaseUrl, Running.CommerceBaseUrl];

    public static async Task<TestSystems> StartAsync(Action<SampleSystemsOptions>? configure = null)
    {
        var options = new SampleSystemsOptions
        {
            CrmPort = 0,
            ErpPort = 0,
            HelpdeskPort = 0,
            CommercePort = 0,
            CustomerCount = DefaultCustomerCount,
        };
        configure?.Invoke(options);
        var systems = new TestSystems(await SampleSystemsHost.StartAsync(options));
        systems.Crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await systems.RequestCrmTokenAsync());
        return systems;
    }

    public async Task<string> RequestCrmTokenAsync()
    {
        using var response = await Anonymous.PostAsync(new Uri(Running.CrmBaseUrl, "/oauth/token"), ClientCredentials());
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    public static FormUrlEncodedContent ClientCredentials(string secret = SampleCredentials.CrmClientSecret, string grantType = "client_credentials") =>
        new([
            new("grant_type", grantType),
            new("client_id", SampleCredentials.CrmClientId),
            new("client_secret", secret),
        ]);

    /// <summary>Restores every system's start-up knobs and zeroes its counters.</summary>
    public async Task ResetAsync()
    {
        foreach (var baseUrl in BaseUrls)
        {
            using var response = await Anonymous.PostAsync(new Uri(baseUrl, "/_sim/reset"), null);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>POSTs <paramref name="json"/> to the system's <c>/_sim/faults</c>; the answer is the resulting settings.</summary>
    public async Task<HttpResponseMessage> PostFaultsAsync(Uri system, string json) =>
        await Anonymous.PostAsync(new Uri(system, "/_sim/faults"), new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task SetFaultsAsync(Uri system, string json)
    {
        using var response = await PostFaultsAsync(system, json);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> StatsAsync(Uri system) =>
        await Anonymous.GetFromJsonAsync<JsonElement>(new Uri(system, "/_sim/stats"));

    public async ValueTask DisposeAsync()
    {
        Crm.Dispose();
        Erp.Dispose();
        Helpdesk.Dispose();
        Commerce.Dispose();
        Anonymous.Dispose();
        await Running.DisposeAsync();
    }
}
