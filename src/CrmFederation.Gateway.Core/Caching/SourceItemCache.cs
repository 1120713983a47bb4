using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The cache of source items per (source, credential scope, endpoint, parameters, key), over
/// HybridCache (memory L1, Redis L2 when configured). Concurrent misses for the same key share one
/// upstream call through <see cref="Execution.SharedBatches"/>.
/// </summary>
public sealed partial class SourceItemCache(
    HybridCache cache,
    IInvalidationBackplane backplane,
    CacheSettings settings,
    TimeProvider time,
    ILogger<SourceItemCache> logger)
{
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public TimeProvider Time { get; } = time;

    public async ValueTask<CachedItems?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetOrCreateAsync(key, static _ => ValueTask.FromResult<CachedItems?>(null), ReadOnly, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cache is an optimisation: when it fails the gateway asks the source.
            LogCacheFailure(logger, ex);
            return null;
        }
    }

    public async Task SetAsync(string key, CachedItems items, CachePolicy policy, IReadOnlyCollection<string> tags)
    {
        var lifetime = policy.Ttl + policy.MaxStale;
        var cap = TimeSpan.FromSeconds(settings.MaxTtlSeconds);
        var options = new HybridCacheEntryOptions { Expiration = lifetime < cap ? lifetime : cap, LocalCacheExpiration = lifetime < cap ? lifetime : cap };
        try
        {
            await cache.SetAsync(key, items, options, tags);
        }
        catch (Exception ex)
        {
            LogCacheFailure(logger, ex);
        }
    }

    /// <summary>Evicts the entries tagged <paramref name="tag"/> from this instance, then from the others.</summary>
    public async Task RemoveByTagAsync(string tag)
    {
        await cache.RemoveByTagAsync(tag);
        await backplane.PublishAsync(tag);
    }

    [LoggerMessage(1, LogLevel.Warning, "The item cache failed; answering from the sources")]
    private static partial void LogCacheFailure(ILogger logger, Exception exception);
}
