using CrmFederation.Gateway.Configuration;
using GraphQL.DI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Administration;

/// <summary>Wires the admin API's config endpoints, the config history and the remembered operations.</summary>
public static class AdministrationServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdministrationOptions>(configuration.GetSection(AdministrationOptions.SectionName));
        services.AddSingleton(provider => new StateDirectory(provider.GetRequiredService<IOptions<GatewayOptions>>().Value.StateDirectory));
        services.AddSingleton<RecentOperations>();
        services.AddSingleton<IConfigureExecution, RecentOperationsRecorder>();
        services.AddHostedService<RecentOperationsPersistence>();
        services.AddSingleton<ConfigHistory>();
        services.AddSingleton<ConfigChangeAudit>();
        services.AddHostedService<ConfigHistoryStartup>();
        services.AddSingleton<ConfigDryRun>();
        services.AddSingleton<ConfigPublisher>();
        services.AddSingleton<ConfigApplier>();
        return services;
    }
}
