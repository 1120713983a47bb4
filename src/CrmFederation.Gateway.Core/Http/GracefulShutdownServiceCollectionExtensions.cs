using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Graceful shutdown (<see cref="ShutdownSettings"/>): the drain, and the host's shutdown timeout. What
/// must reach somewhere before the process ends (the OpenTelemetry exporters' batches, the
/// personal-data audit records among the logs) is flushed when the host is disposed, after the last request.
/// </summary>
public static class GracefulShutdownServiceCollectionExtensions
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first needed, not now: hosts (and tests) may still be adding configuration.
        services.AddSingleton(_ => ShutdownSettings.From(configuration));
        services.AddOptions<HostOptions>().Configure<ShutdownSettings>((host, settings) => host.ShutdownTimeout = settings.HostShutdownTimeout);
        services.AddHostedService<ShutdownDrain>();
        return services;
    }
}
