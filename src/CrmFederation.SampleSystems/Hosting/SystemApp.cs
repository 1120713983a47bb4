using System.Net;
using CrmFederation.SampleSystems.Simulation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CrmFederation.SampleSystems.Hosting;

/// <summary>
/// Builds one system's Kestrel app. It starts from an empty builder on purpose: the systems also run
/// inside the gateway's process (demo mode) and its tests, and must not pick up that host's
/// appsettings, URLs or environment. Logging is console at Warning, so nothing is logged per request.
/// </summary>
internal static class SystemApp
{
    public static WebApplication Create(SampleSystemsOptions options, int port, string name)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(Address(options.BindAddress), port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(options.TimeProvider);
        // A failed start (a busy port) reaches the caller, which says which port and how to move it; the
        // host's own log of it would print the stack trace first.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical).AddConsole();
        return builder.Build();
    }

    /// <summary>The knobs' defaults for a system started with <paramref name="options"/>.</summary>
    public static SimulatedRoutes Simulate(WebApplication app, SampleSystemsOptions options, double rateLimitPerSecond = 0)
    {
        var defaults = new SimulationSettings(
            options.LatencyMs, options.JitterMs, 0, SimulationSettings.DefaultErrorStatus, false, rateLimitPerSecond);
        var simulation = new SimulationState(defaults, options.TimeProvider);
        SimulationEndpoints.Map(app, simulation);
        return new SimulatedRoutes(app, simulation);
    }

    /// <summary>The started app's root URL with the port actually bound; a wildcard bind is reached over loopback.</summary>
    public static Uri BaseUrl(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new UriBuilder(address) { Path = "/" };
        if (url.Host is "0.0.0.0" or "[::]" or "::")
        {
            url.Host = "127.0.0.1";
        }

        return url.Uri;
    }

    public static async Task StopAsync(IEnumerable<WebApplication> apps)
    {
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static IPAddress Address(string bindAddress) => bindAddress switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ => IPAddress.Parse(bindAddress),
    };
}
