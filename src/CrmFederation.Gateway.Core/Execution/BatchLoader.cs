using System.Text.Json;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Per request, per (endpoint, parameters): collects the keys a level asks for, de-duplicated and
/// memoized, and sends them as one batch — split into chunks of the endpoint's batch size, sent
/// concurrently — when the first of their results is awaited. Loading a key does no I/O.
/// </summary>
public sealed class BatchLoader
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyLoad> _loads;
    private readonly SourceClient _client;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _parameters;
    private readonly RequestScope _scope;
    private Batch? _open;

    public BatchLoader(EndpointDefinition endpoint, SourceClient client, IReadOnlyList<KeyValuePair<string, string>> parameters, RequestScope scope)
    {
        Endpoint = endpoint;
        _client = client;
        _parameters = parameters;
        _scope = scope;
        _loads = new Dictionary<string, KeyLoad>(endpoint.KeyComparer);
    }

    public EndpointDefinition Endpoint { get; }

    public KeyLoad Load(string key)
    {
        lock (_gate)
        {
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

    private Task<Dictionary<string, List<JsonElement>>> Dispatch(Batch batch)
    {
        TaskCompletionSource<Dictionary<string, List<JsonElement>>>? starter = null;
        lock (_gate)
        {
            if (batch.Completion is null)
            {
                if (_open == batch)
                {
                    _open = null;
                }

                starter = new TaskCompletionSource<Dictionary<string, List<JsonElement>>>(TaskCreationOptions.RunContinuationsAsynchronously);
                batch.Completion = starter.Task;
            }
        }

        if (starter is not null)
        {
            _ = RunAsync(batch, starter);
        }

        return batch.Completion!;
    }

    private async Task RunAsync(Batch batch, TaskCompletionSource<Dictionary<string, List<JsonElement>>> completion)
    {
        try
        {
            var chunks = batch.Keys.Chunk(Endpoint.MaxBatchSize)
                .Select(chunk => _client.FetchItemsAsync(Endpoint, chunk, _parameters, _scope, _scope.RequestAborted))
                .ToArray();
            var answers = await Task.WhenAll(chunks);
            completion.SetResult(MatchToKeys(batch, answers));
        }
        catch (Exception ex)
        {
            // A failed batch is forgotten so that a later load in the same request can try again.
            lock (_gate)
            {
                foreach (var key in batch.Keys)
                {
                    _loads.Remove(key);
                }
            }

            completion.SetException(ex);
        }
    }

    private Dictionary<string, List<JsonElement>> MatchToKeys(Batch batch, List<JsonElement>[] answers)
    {
        var byKey = new Dictionary<string, List<JsonElement>>(batch.Keys.Count, Endpoint.KeyComparer);
        for (var chunk = 0; chunk < answers.Length; chunk++)
        {
            foreach (var item in answers[chunk])
            {
                // Per-key endpoints answer exactly their key; batch endpoints are matched by the item's own value.
                var key = Endpoint.MatchOn is { } matchOn ? matchOn.ResolveKey(item) : batch.Keys[chunk];
                if (key is null)
                {
                    continue;
                }

                if (!byKey.TryGetValue(key, out var items))
                {
                    items = new List<JsonElement>(Endpoint.Many ? 8 : 1);
                    byKey[key] = items;
                }

                if (Endpoint.Many || items.Count == 0)
                {
                    items.Add(item);
                }
            }
        }

        return byKey;
    }

    /// <summary>The keys collected since the last dispatch, sent together.</summary>
    public sealed class Batch(BatchLoader loader)
    {
        public List<string> Keys { get; } = [];

        public Task<Dictionary<string, List<JsonElement>>>? Completion { get; set; }

        public Task<Dictionary<string, List<JsonElement>>> Dispatch() => loader.Dispatch(this);
    }
}
