using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Configuration.Reload;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Telemetry;
using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.Http;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>
/// A real gateway in front of the caching fixture's sample systems, serving a test's own copy of
/// gateway-config with the item cache on; the file watcher only when a test asks for it, so that other
/// tests reload exactly when they say. It counts its reloads by outcome and keeps its log.
/// </summary>
public sealed class ReloadGateway : WebApplicationFactory<Program>
{
    public const int DebounceMs = 200;

    private readonly Dictionary<string, string?> _settings;
    private readonly SnapshotRetirement? _retirement;
    private readonly CapturingLoggerProvider _log = new();

    public ReloadGateway(CachingSystemsFixture fixture, ConfigSandbox config, bool watch = false, SnapshotRetirement? retirement = null)
    {
        _settings = TestGatewayVariables.For(fixture.Systems, config.Directory)
            .Append(new("Gateway:ConfigPath", config.Directory))
            .Append(new("Gateway:Cache:Enabled", "true"))
            .Append(new("Gateway:WatchConfig", watch ? "true" : "false"))
            .Append(new("Gateway:WatchDebounceMs", DebounceMs.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(setting => setting.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.OrdinalIgnoreCase);
        _retirement = retirement;
        Http = CreateClient();
        Client = new GraphQLClient(Http);
        Reloads = new MetricCollector<long>(Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), GatewayMetrics.MeterName, "crmfed.config.reloads");
    }

    public HttpClient Http { get; }

    public GraphQLClient Client { get; }

    /// <summary>The reloads counted by the gateway's metric, each with its outcome and trigger tags.</summary>
    public MetricCollector<long> Reloads { get; }

    public IReadOnlyCollection<LogEntry> LogEntries => _log.Entries;

    public async Task<JsonElement> ReloadAsync() => await SendAsync(HttpMethod.Post, "/admin/config/reload");

    public async Task<JsonElement> StatusAsync() => await SendAsync(HttpMethod.Get, "/admin/config/status");

    /// <summary>The circuit state /status/sources reports for <paramref name="source"/>.</summary>
    public async Task<string?> CircuitOfAsync(string source)
    {
        var status = await SendAsync(HttpMethod.Get, "/status/sources");
        return status.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == source).GetProperty("circuit").GetString();
    }

    /// <summary>Waits until the status shows a reload that <paramref name="done"/> accepts; fails after the hang guard.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> done)
    {
        using var guard = new CancellationTokenSource(EndpointMeasurements.HangGuard);
        while (true)
        {
            var status = await StatusAsync();
            if (done(status))
            {
                return status;
            }

            Assert.False(guard.IsCancellationRequested, "The expected reload did not happen; status: " + status);
            await Task.Delay(20);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_log).SetMinimumLevel(LogLevel.Warning)
            .AddFilter(typeof(ConfigReloader).FullName, LogLevel.Debug));
        if (_retirement is { } retirement)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(retirement));
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        DemoCallers.Authenticate(client);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Reloads.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: HTTP {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
