using System.Text.Json;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// One upstream call of a <see cref="SharedBatchQueue"/> (its pages included) and the requests waiting
/// for it. It runs on its own token, not any request's: cancelled only when every waiter has left,
/// otherwise bounded by the source's own deadline. Its state is guarded by its queue's lock, and its
/// queue disposes it once it has answered.
/// </summary>
public sealed class SharedCall : IDisposable
{
    private readonly SharedBatchQueue _queue;
    private readonly TaskCompletionSource<SharedAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<SharedLookup> _waiters = [];

    // The first request's context: the call's trace belongs to it even when the call leaves from
    // another call's completion.
    private readonly ExecutionContext? _context = ExecutionContext.Capture();
    private int _requests;

    internal SharedCall(SharedBatchQueue queue) => _queue = queue;

    public List<string> Keys { get; } = [];

    public Task<SharedAnswer> Answer => _answer.Task;

    internal bool HasWaiters => _waiters.Count > 0;

    internal bool Serves(IDocumentOwner requester) => _waiters.Exists(waiter => waiter.Requester == requester);

    internal void AddWaiter(SharedLookup lookup)
    {
        if (!Serves(lookup.Requester))
        {
            _requests++;
        }

        _waiters.Add(lookup);
    }

    internal bool RemoveWaiter(SharedLookup lookup) => _waiters.Remove(lookup);

    internal List<SharedLookup> TakeWaiters()
    {
        var waiters = new List<SharedLookup>(_waiters);
        _waiters.Clear();
        return waiters;
    }

    internal void Start()
    {
        // Sorted, the same keys always make the same upstream request (reproducible logs, cacheable by an HTTP cache in front of a source).
        Keys.Sort(StringComparer.Ordinal);
        if (_context is null)
        {
            _ = RunAsync();
        }
        else
        {
            ExecutionContext.Run(_context, static call => _ = ((SharedCall)call!).RunAsync(), this);
        }
    }

    /// <summary>Called under the queue's lock: the token's callbacks (the HTTP request's abort among them) run elsewhere, not under it.</summary>
    internal void Cancel() => _ = _cancel.CancelAsync();

    public void Dispose() => _cancel.Dispose();

    private async Task RunAsync()
    {
        var documents = new SharedDocuments();
        SharedAnswer answer;
        try
        {
            var items = await _queue.Client.FetchItemsAsync(_queue.Endpoint, Keys, _queue.Parameters, documents, _cancel.Token);
            answer = new SharedAnswer(Match(items), null, documents);
        }
        catch (Exception ex)
        {
            answer = new SharedAnswer(null, ex, documents);
        }

        _queue.Answered(this, answer);
    }

    /// <summary>Hands the answer to the requests still waiting; each holds the answer's documents until its response is written.</summary>
    internal void Publish(SharedAnswer answer, List<SharedLookup> waiters)
    {
        var served = new HashSet<IDocumentOwner>(ReferenceEqualityComparer.Instance);
        foreach (var waiter in waiters)
        {
            if (served.Add(waiter.Requester))
            {
                waiter.Requester.Own(answer.Documents.Hold());
                for (var call = 0; call < answer.Documents.Calls; call++)
                {
                    waiter.Requester.CallStarted();
                }
            }
        }

        answer.Documents.Release();
        _queue.Batches.Metrics?.BatchShared(_queue.Endpoint, _requests);
        _answer.SetResult(answer);
    }

    private Dictionary<string, List<JsonElement>> Match(List<JsonElement> items)
    {
        var endpoint = _queue.Endpoint;
        var matched = new Dictionary<string, List<JsonElement>>(Keys.Count, endpoint.KeyComparer);
        var requested = endpoint.MatchOn is null ? null : new RequestedKeys(Keys, endpoint.KeyComparer);
        foreach (var item in items)
        {
            // Per-key endpoints answer exactly their key; batch endpoints are matched by the item's own value.
            var key = requested is null ? Keys[0] : requested.Match(endpoint.MatchOn!, item);
            if (key is null)
            {
                continue;
            }

            if (!matched.TryGetValue(key, out var found))
            {
                found = new List<JsonElement>(endpoint.Many ? 8 : 1);
                matched[key] = found;
            }

            if (endpoint.Many || found.Count == 0)
            {
                found.Add(item);
            }
        }

        return matched;
    }
}
