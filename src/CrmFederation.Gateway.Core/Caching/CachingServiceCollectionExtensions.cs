using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// HybridCache with an in-memory L1 always, and Redis as the shared, encrypted L2 when
/// <c>Gateway:Cache:RedisConnectionString</c> is set.
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
        });
        services.AddSingleton<SourceItemCache>();
        services.AddSingleton(provider => new ItemCacheAccessor(
            provider.GetRequiredService<CacheSettings>().Enabled ? provider.GetRequiredService<SourceItemCache>() : null));

        // HybridCache uses an IDistributedCache as its L2 when one resolves; null keeps it memory-only.
        services.AddSingleton<IDistributedCache>(provider =>
        {
            var settings = provider.GetRequiredService<CacheSettings>();
            if (string.IsNullOrWhiteSpace(settings.RedisConnectionString))
            {
                return null!;
            }

            return new EncryptingDistributedCache(
                new RedisCache(Options.Create(new RedisCacheOptions { ConfigurationOptions = RedisOptions(settings.RedisConnectionString), InstanceName = "crmfed:" })),
                EncryptionKey(settings),
                TimeSpan.FromSeconds(settings.MaxTtlSeconds),
                provider.GetRequiredService<ILogger<EncryptingDistributedCache>>());
        });

        return services;
    }

    /// <summary>Fail fast on a dead Redis instead of holding requests: the sources are the fallback.</summary>
    private static ConfigurationOptions RedisOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 500);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 500);
        return options;
    }

    private static byte[] EncryptionKey(CacheSettings settings)
    {
        try
        {
            var key = Convert.FromBase64String(settings.EncryptionKey ?? "");
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below with the fix.
        }

        throw new InvalidOperationException(
            "Redis is configured (Gateway:Cache:RedisConnectionString) but Gateway:Cache:EncryptionKey is not the Base64 of 32 random bytes; " +
            "customer data is never written to Redis in clear. Generate one with: openssl rand -base64 32");
    }
}
