using System.Text.Json;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// One request's keys in shared calls: which call carries each key, and whether this request put the
/// key there (it then writes the key's cache entry) or joined a call that already carried it.
/// </summary>
public sealed class SharedLookup
{
    private readonly SharedBatchQueue _queue;
    private readonly List<(string Key, SharedCall Call, bool Originated)> _keys;
    private readonly List<SharedCall> _calls = [];

    internal SharedLookup(SharedBatchQueue queue, IDocumentOwner requester, int keys)
    {
        _queue = queue;
        Requester = requester;
        _keys = new(keys);
    }

    public IDocumentOwner Requester { get; }

    internal IReadOnlyList<SharedCall> Calls => _calls;

    /// <summary>The keys no other request had asked for yet: only their answers are this request's to cache.</summary>
    public IEnumerable<string> OriginatedKeys => _keys.Where(k => k.Originated).Select(k => k.Key);

    internal void Await(string key, SharedCall call, bool originated)
    {
        _keys.Add((key, call, originated));
        if (!_calls.Contains(call))
        {
            _calls.Add(call);
            call.AddWaiter(this);
        }
    }

    /// <summary>
    /// Waits for the calls and adds each key's items to <paramref name="outcome"/> (none: an empty list),
    /// or this request's own copy of the failure of the call that carried it. Cancelled, the request
    /// leaves the calls; they go on for the other requests waiting.
    /// </summary>
    public async Task ReadAsync(BatchOutcome outcome, CancellationToken cancellationToken)
    {
        Task answers = _calls.Count == 1 ? _calls[0].Answer : Task.WhenAll(_calls.Select(call => call.Answer));
        try
        {
            await answers.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _queue.Leave(this);
            throw;
        }

        foreach (var (key, call, _) in _keys)
        {
            var answer = call.Answer.Result;
            if (answer.Items is { } items)
            {
                outcome.Items[key] = items.TryGetValue(key, out var found) ? found : [];
            }
            else
            {
                outcome.Failure ??= answer.Failure is SourceException failure ? failure.ForAnotherRequest() : answer.Failure;
            }
        }
    }
}
