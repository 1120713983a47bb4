using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// HybridCache with an in-memory L1 always, and Redis as the shared, encrypted L2 when
/// <c>Gateway:Cache:RedisConnectionString</c> is set; Redis then also carries evictions, accepted
/// webhook calls and the sources' outbound rate limits between instances.
/// </summary>
public static class CachingServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCaching(this IServiceCollection services, IConfiguration configuration)
    {
        // Settings are read when first needed, not now: hosts (and tests) may still be adding configuration.
        services.AddSingleton(_ => configuration.GetSection(CacheSettings.SectionName).Get<CacheSettings>() ?? new CacheSettings());
        services.AddHybridCache(options =>
        {
            options.MaximumPayloadBytes = 8 * 1024 * 1024;
            options.MaximumKeyLength = 2048;
        }).AddSerializer<CachedItems, CachedItemsSerializer>();
        services.AddSingleton<SourceItemCache>();
        services.AddSingleton(provider => new ItemCacheAccessor(
            provider.GetRequiredService<CacheSettings>().Enabled ? provider.GetRequiredService<SourceItemCache>() : null));

        // Resolved only when Redis is configured: an unusable key stops the gateway from starting.
        services.AddSingleton(provider => CacheKeyMaterial.FromSettings(provider.GetRequiredService<CacheSettings>()));
        services.AddSingleton(provider => new RedisConnection(provider.GetRequiredService<CacheSettings>().RedisConnectionString!));
        services.AddSingleton<InvalidationMessages>();
        services.AddSingleton<RedisOutageLog>();

        // HybridCache uses an IDistributedCache as its L2 when one resolves; null keeps it memory-only.
        services.AddSingleton<IDistributedCache>(provider =>
        {
            var settings = provider.GetRequiredService<CacheSettings>();
            if (!UsesRedis(settings))
            {
                return null!;
            }

            var keys = provider.GetRequiredService<CacheKeyMaterial>();
            var redis = provider.GetRequiredService<RedisConnection>();
            return new EncryptingDistributedCache(
                new RedisCache(Options.Create(new RedisCacheOptions { ConnectionMultiplexerFactory = redis.ConnectAsync, InstanceName = "crmfed:" })),
                keys,
                TimeSpan.FromSeconds(settings.MaxTtlSeconds),
                provider.GetRequiredService<RedisOutageLog>(),
                provider.GetRequiredService<ILogger<EncryptingDistributedCache>>());
        });
        services.AddSingleton<IInvalidationBackplane>(provider => UsesRedis(provider.GetRequiredService<CacheSettings>())
            ? ActivatorUtilities.CreateInstance<RedisInvalidationBackplane>(provider)
            : new LocalOnlyBackplane());
        services.AddHostedService(provider => provider.GetRequiredService<IInvalidationBackplane>());
        services.AddSingleton<IWebhookSignatureClaims>(provider => UsesRedis(provider.GetRequiredService<CacheSettings>())
            ? ActivatorUtilities.CreateInstance<RedisSignatureClaims>(provider)
            : new LocalOnlySignatureClaims());

        // Null without Redis: each instance then keeps the sources' rate limits on its own.
        services.AddSingleton(provider => UsesRedis(provider.GetRequiredService<CacheSettings>())
            ? ActivatorUtilities.CreateInstance<Resilience.RedisTokenBuckets>(provider)
            : null!);

        return services;
    }

    private static bool UsesRedis(CacheSettings settings) => !string.IsNullOrWhiteSpace(settings.RedisConnectionString);
}
