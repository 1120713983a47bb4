using CrmFederation.Gateway.Tests.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// The real gateway, in-process, with its configuration (config directory, variables) given by the test.
/// Its clients send the demo admin key unless a test removes or replaces the <c>X-Api-Key</c> header.
/// </summary>
public sealed class GatewayFactory(IEnumerable<KeyValuePair<string, string?>> settings) : WebApplicationFactory<Program>
{
    // Later values win, as configuration sources do: a test may replace a sample variable such as the API keys.
    private readonly Dictionary<string, string?> _settings = settings
        .GroupBy(setting => setting.Key, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The gateway over <paramref name="configDirectory"/> with the sample variables (sources at addresses
    /// nothing answers: for requests that call no source), and <paramref name="settings"/> on top.
    /// </summary>
    public static GatewayFactory OverConfig(string configDirectory, params (string Key, string? Value)[] settings)
    {
        var all = ConfigSandbox.SampleVariables.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        all["Gateway:ConfigPath"] = configDirectory;
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new GatewayFactory(all);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        DemoCallers.Authenticate(client);
    }
}
