using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>The real gateway, in-process, with its configuration (config directory, variables) given by the test.</summary>
/// Its clients send the demo admin key unless a test removes or replaces the <c>X-Api-Key</c> header.
public sealed class GatewayFactory(IEnumerable<KeyValuePair<string, string?>> settings) : WebApplicationFactory<Program>
{
    // Later values win, as configuration sources do: a test may replace a sample variable such as the API keys.
    private readonly Dictionary<string, string?> _settings = settings
        .GroupBy(setting => setting.Key, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.OrdinalIgnoreCase);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        DemoCallers.Authenticate(client);
    }
}
