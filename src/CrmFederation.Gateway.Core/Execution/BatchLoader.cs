using System.Buffers;
using System.Text.Json;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Telemetry;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Per request, per (endpoint, parameters): collects the keys a level asks for, de-duplicated and
/// memoized, and sends them as one batch when the first of their results is awaited. Loading a key
/// does no I/O. For cached endpoints only the keys missing from the cache are fetched. The batch goes
/// upstream through <see cref="SharedBatches"/>: in chunks of the endpoint's batch size, sent at once
/// when nothing else is in flight, and together with the keys of concurrent requests when something is.
/// </summary>
public sealed class BatchLoader
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyLoad> _loads;
    private readonly Dictionary<string, string> _tags;
    private readonly SourceClient _client;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _parameters;
    private readonly string _parameterSignature;
    private readonly RequestScope _scope;
    private Batch? _open;

    public BatchLoader(EndpointDefinition endpoint, SourceClient client, IReadOnlyList<KeyValuePair<string, string>> parameters, RequestScope scope)
    {
        Endpoint = endpoint;
        _client = client;
        _parameters = parameters;
        _parameterSignature = ParameterSignature.Of(parameters);
        _scope = scope;
        _loads = new Dictionary<string, KeyLoad>(endpoint.KeyComparer);
        _tags = new Dictionary<string, string>(endpoint.KeyComparer);
    }

    public EndpointDefinition Endpoint { get; }

    /// <summary>Registers <paramref name="key"/> for the next batch; <paramref name="tag"/> (e.g. <c>customer:C-000001</c>) labels its cache entry for purging.</summary>
    public KeyLoad Load(string key, string? tag = null)
    {
        lock (_gate)
        {
            if (tag is not null)
            {
                _tags.TryAdd(key, tag);
            }

            if (_loads.TryGetValue(key, out var existing))
            {
                return existing;
            }

            _open ??= new Batch(this);
            _open.Keys.Add(key);
            var load = new KeyLoad(_open, key);
            _loads[key] = load;
            return load;
        }
    }

    private Task<BatchOutcome> Dispatch(Batch batch)
    {
        lock (_gate)
        {
            if (batch.Completion is not null)
            {
                return batch.Completion;
            }

            if (_open == batch)
            {
                _open = null;
            }

            batch.Completion = RunAsync(batch);
            return batch.Completion;
        }
    }

    private async Task<BatchOutcome> RunAsync(Batch batch)
    {
        // Leave the caller's lock before any work: the batch runs on its own.
        await Task.Yield();
        using var activity = GatewayActivitySource.Source.StartActivity("source.batch " + Endpoint.DisplayName);
        activity?.SetTag("source.name", Endpoint.Source.Name);
        activity?.SetTag("source.endpoint", Endpoint.Name);
        activity?.SetTag("source.batch.size", batch.Keys.Count);
        _scope.Metrics?.Batch(Endpoint, batch.Keys.Count);
        var outcome = new BatchOutcome(Endpoint.KeyComparer, batch.Keys.Count);
        if (Endpoint.Cache is { } policy && _scope.Cache is { } cache)
        {
            await RunCachedAsync(batch.Keys, policy, cache, outcome);
        }
        else
        {
            try
            {
                await FetchAsync(batch.Keys, outcome);
            }
            catch (Exception ex)
            {
                // The request was cancelled; a source's failure is in the outcome already.
                outcome.Failure = ex;
            }
        }

        activity?.SetTag("cache.hits", outcome.CacheHits);
        activity?.SetTag("cache.misses", outcome.CacheMisses);
        if (outcome.Failure is not null)
        {
            activity?.SetTag("error.type", (outcome.Failure as SourceException)?.Code ?? outcome.Failure.GetType().Name);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);

            // Keys the batch could not answer are forgotten so that a later load in the same request can try again.
            lock (_gate)
            {
                foreach (var key in batch.Keys.Where(k => !outcome.Items.ContainsKey(k)))
                {
                    _loads.Remove(key);
                }
            }
        }

        return outcome;
    }

    /// <summary>Sends <paramref name="keys"/> with the lookups of concurrent requests (see <see cref="SharedBatches"/>) and adds their answers to <paramref name="outcome"/>.</summary>
    private async Task<SharedLookup> FetchAsync(IReadOnlyList<string> keys, BatchOutcome outcome)
    {
        // Keys arrive in whatever order a level's resolvers ran; sorted, a lone request's chunks are the same every time.
        var ordered = keys.Order(StringComparer.Ordinal).ToArray();
        var lookup = _scope.Batches.Join(_client, Endpoint, _parameters, _parameterSignature, ordered, _scope);
        await lookup.ReadAsync(outcome, _scope.RequestAborted);
        return lookup;
    }

    private async Task RunCachedAsync(IReadOnlyList<string> keys, CachePolicy policy, SourceItemCache cache, BatchOutcome outcome)
    {
        var now = cache.Time.GetUtcNow();
        var names = new ItemCacheKey(Endpoint, _parameterSignature, Endpoint.KeyComparer == StringComparer.OrdinalIgnoreCase);
        var cacheKeys = keys.ToDictionary(k => k, names.For, Endpoint.KeyComparer);
        var cached = await Task.WhenAll(keys.Select(k => cache.GetAsync(cacheKeys[k], _scope.RequestAborted).AsTask()));
        var stale = new Dictionary<string, CachedItems>(Endpoint.KeyComparer);
        var misses = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (cached[i] is { } entry && entry.AgeAt(now) <= policy.Ttl)
            {
                outcome.Items[keys[i]] = ItemsOf(entry);
                outcome.CacheHits++;
                _client.Statistics.RecordCache(hit: true);
                _scope.Metrics?.CacheHit(Endpoint);
                continue;
            }

            outcome.CacheMisses++;
            _client.Statistics.RecordCache(hit: false);
            _scope.Metrics?.CacheMiss(Endpoint);
            if (cached[i] is { } old && old.AgeAt(now) <= policy.Ttl + policy.MaxStale)
            {
                stale[keys[i]] = old;
            }

            misses.Add(keys[i]);
        }

        if (misses.Count == 0)
        {
            return;
        }

        SharedLookup lookup;
        try
        {
            lookup = await FetchAsync(misses, outcome);
        }
        catch (Exception ex)
        {
            outcome.Failure = ex;
            return;
        }

        // A key that concurrent requests missed together is fetched once, and cached by the request that asked first.
        foreach (var key in lookup.OriginatedKeys)
        {
            if (outcome.Items.TryGetValue(key, out var items))
            {
                // Not-found is cached too, so that prospects without an ERP account do not cost a call every time.
                _ = cache.SetAsync(cacheKeys[key], new CachedItems(Serialize(items), now), policy, TagsFor(key, items));
            }
        }

        if (outcome.Failure is SourceException failure)
        {
            ServeStale(stale, outcome, failure, now);
        }
    }

    private void ServeStale(Dictionary<string, CachedItems> stale, BatchOutcome outcome, SourceException failure, DateTimeOffset now)
    {
        foreach (var (key, entry) in stale)
        {
            if (!outcome.Items.ContainsKey(key))
            {
                outcome.Items[key] = ItemsOf(entry);
                _scope.MarkStale(failure.Source, entry.AgeAt(now));
            }
        }
    }

    private List<string> TagsFor(string key, List<JsonElement> items)
    {
        var tags = new List<string> { CacheTags.Source(Endpoint.Source.Name), CacheTags.Key(Endpoint, key) };
        lock (_gate)
        {
            if (_tags.TryGetValue(key, out var tag))
            {
                tags.Add(tag);
            }
        }

        if (Endpoint.Identity is { } identity)
        {
            tags.AddRange(items.Select(identity.ResolveKey).OfType<string>().Select(id => CacheTags.Item(Endpoint.Source.Name, id)));
        }

        return tags;
    }

    private static List<JsonElement> ItemsOf(CachedItems entry) => [.. entry.Items];

    private static ReadOnlyMemory<byte> Serialize(List<JsonElement> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The keys collected since the last dispatch, sent together.</summary>
    public sealed class Batch(BatchLoader loader)
    {
        public List<string> Keys { get; } = [];

        public Task<BatchOutcome>? Completion { get; set; }

        /// <summary>The rows of a level waiting for this batch, completed together by <see cref="BatchAwareExecutionStrategy"/>.</summary>
        public RowsAwaitingBatch? AwaitingRows { get; set; }

        public Task<BatchOutcome> Dispatch() => loader.Dispatch(this);
    }
}
