using CrmFederation.Gateway.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Writes;

/// <summary>What mutations need: the audit, and the store of idempotency outcomes (Redis when the cache has it, else memory).</summary>
public static class WritesServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayWrites(this IServiceCollection services)
    {
        services.AddSingleton<Access.WriteAudit>();
        services.AddSingleton<IdempotentWrites>();
        services.AddSingleton<IIdempotencyStore>(provider => string.IsNullOrWhiteSpace(provider.GetRequiredService<CacheSettings>().RedisConnectionString)
            ? ActivatorUtilities.CreateInstance<MemoryIdempotencyStore>(provider)
            : ActivatorUtilities.CreateInstance<RedisIdempotencyStore>(provider));
        return services;
    }
}
