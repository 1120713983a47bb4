using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using GraphQL;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway;

/// <summary>Wires the gateway: config snapshot, sources, GraphQL execution.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddCrmFederationGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GatewayOptions>(configuration.GetSection(GatewayOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<Telemetry.GatewayMetrics>();
        services.AddGatewayCaching(configuration);
        services.AddSingleton<UpstreamConnectionPool>();
        services.AddSingleton<Resilience.SourceResilienceFactory>();
        services.AddSingleton<SourceClientFactory>();
        services.AddSingleton<GatewayConfigCompiler>();
        services.AddSingleton(provider =>
        {
            var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
            var compiler = provider.GetRequiredService<GatewayConfigCompiler>();
            return new GatewaySnapshotHolder(compiler.Compile(options.ResolveConfigPath(), name => configuration[name]));
        });
        services.AddHttpContextAccessor();
        services.AddGraphQL(graphQl => graphQl
            .AddSystemTextJson()
            .AddErrorInfoProvider<GatewayErrorInfoProvider>()
            .ConfigureExecution<GatewayExecutionConfigurer>()
            .ConfigureExecution<ValidatedDocumentCache>()
            .AddComplexityAnalyzer(complexity => complexity.MaxDepth = configuration.GetValue("Gateway:MaxQueryDepth", 12)));
        return services;
    }
}
