using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Configuration.Reload;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Http;
using CrmFederation.Gateway.Limits;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Telemetry;
using CrmFederation.Gateway.Writes;
using GraphQL;
using GraphQL.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmFederation.Gateway;

/// <summary>Wires the gateway: config snapshot, sources, GraphQL execution.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddCrmFederationGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GatewayOptions>(configuration.GetSection(GatewayOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddGatewayTelemetry(configuration);
        services.AddGatewayCaching(configuration);
        services.AddSingleton<UpstreamConnectionPool>();
        services.AddSingleton<Resilience.SourceResilienceFactory>();
        services.AddSingleton<SourceFailureLog>();
        services.AddSingleton<SourceRuntimeRegistry>();
        services.AddSingleton<SourceClientFactory>();
        services.AddSingleton<SharedBatches>();
        services.AddSingleton<GatewayConfigCompiler>();
        services.AddSingleton(provider => new GatewayConfigLoader(
            provider.GetRequiredService<GatewayConfigCompiler>(), configuration, provider.GetService<UnsetValuePolicy>()));
        services.AddSingleton(provider =>
        {
            var holder = new GatewaySnapshotHolder(provider.GetRequiredService<GatewayConfigLoader>().Load());
            provider.GetRequiredService<GatewayMetrics>().ObserveCircuits(() =>
                holder.Current.Clients.Values.Select(client => (client.Source.Name, client.Resilience.CircuitState)));
            return holder;
        });
        services.TryAddSingleton(SnapshotRetirement.Default);
        services.AddSingleton<ConfigReloader>();
        services.AddHostedService<ConfigWatcher>();
        services.AddSingleton<Access.PersonalDataAudit>();
        services.AddGatewayWrites();
        services.AddHttpContextAccessor();
        services.AddGraphQL(graphQl => graphQl
            .AddSystemTextJson()
            .UseGatewayTelemetry()
            .AddErrorInfoProvider<GatewayErrorInfoProvider>()
            .ConfigureExecution<TrustedDocumentGate>()
            .ConfigureExecution<GatewayExecutionConfigurer>()
            .ConfigureExecution<ValidatedDocumentCache>()
            .AddExecutionStrategy<BatchAwareExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            .Services.Register<IDocumentValidator, QueryLimitsValidator>(GraphQL.DI.ServiceLifetime.Singleton, replace: true));
        services.AddSingleton<IRequestBodyLimit, SnapshotRequestBodyLimit>();
        services.AddSingleton<IResponseBodyLimit, SnapshotResponseBodyLimit>();
        services.AddSingleton(provider => CursorSeal.FromSettings(configuration["Gateway:CursorKey"], provider.GetRequiredService<CacheSettings>()));
        services.AddHostedService<IdleMemoryTrimmer>();
        return services;
    }
}
