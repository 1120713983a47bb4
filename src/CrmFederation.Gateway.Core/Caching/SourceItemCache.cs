using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The cache of source items per (source, credential scope, endpoint, parameters, key), over
/// HybridCache (memory L1, Redis L2 when configured). It also makes concurrent misses for the same
/// key share one upstream call: the first request to miss a key fetches it, others wait for it.
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

    private readonly ConcurrentDictionary<string, Task<CachedItems>> _inFlight = new(StringComparer.Ordinal);

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

    /// <summary>Claims <paramref name="key"/> for fetching, or returns the fetch another request already has in flight.</summary>
    public Task<CachedItems>? JoinInFlight(string key, Task<CachedItems> mine) =>
        _inFlight.TryAdd(key, mine) ? null : _inFlight.TryGetValue(key, out var theirs) ? theirs : null;

    public void LeaveInFlight(string key, Task<CachedItems> mine) =>
        _inFlight.TryRemove(new KeyValuePair<string, Task<CachedItems>>(key, mine));

    [LoggerMessage(1, LogLevel.Warning, "The item cache failed; answering from the sources")]
    private static partial void LogCacheFailure(ILogger logger, Exception exception);
}
