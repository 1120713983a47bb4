using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The lookups of one <see cref="SharedBatchKey"/> from all concurrent requests. A request's keys go
/// out at once when no call is in flight that it does not wait for itself: a lone request never waits.
/// Otherwise they wait for the next call, which leaves as soon as a call in flight answers, or earlier
/// when it holds the endpoint's batch size. A key already queued or in flight joins the call carrying it.
/// </summary>
public sealed class SharedBatchQueue
{
    private readonly Lock _gate = new();
    private readonly SharedBatches _batches;
    private readonly Dictionary<string, SharedCall> _carrying;
    private readonly List<SharedCall> _inFlight = [];
    private SharedCall? _next;
    private bool _removed;

    internal SharedBatchQueue(SharedBatchKey key, SourceClient client, IReadOnlyList<KeyValuePair<string, string>> parameters, SharedBatches batches)
    {
        Key = key;
        Client = client;
        Parameters = parameters;
        _batches = batches;
        _carrying = new Dictionary<string, SharedCall>(key.Endpoint.KeyComparer);
    }

    public SharedBatchKey Key { get; }

    public EndpointDefinition Endpoint => Key.Endpoint;

    internal SourceClient Client { get; }

    internal SharedBatches Batches => _batches;

    internal IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>Null when the queue has gone idle and left its <see cref="SharedBatches"/>: the caller joins a new one.</summary>
    internal SharedLookup? TryJoin(IReadOnlyList<string> keys, IDocumentOwner requester)
    {
        List<SharedCall>? leaving = null;
        SharedLookup lookup;
        lock (_gate)
        {
            if (_removed)
            {
                return null;
            }

            // Decided before the keys join anything: a call this request is about to join does not make it wait.
            var sendNow = _inFlight.TrueForAll(call => call.Serves(requester));
            lookup = new SharedLookup(this, requester, keys.Count);
            foreach (var key in keys)
            {
                if (_carrying.TryGetValue(key, out var carrying))
                {
                    lookup.Await(key, carrying, originated: false);
                    continue;
                }

                _next ??= new SharedCall(this);
                _next.Keys.Add(key);
                _carrying[key] = _next;
                lookup.Await(key, _next, originated: true);
                if (_next.Keys.Count == Endpoint.MaxBatchSize)
                {
                    Launch(ref leaving);
                }
            }

            if (sendNow && _next is not null)
            {
                Launch(ref leaving);
            }
        }

        Start(leaving);
        return lookup;
    }

    /// <summary>A call has answered (or failed): its waiters get the answer, and the next call leaves.</summary>
    internal void Answered(SharedCall call, SharedAnswer answer)
    {
        List<SharedCall>? leaving = null;
        List<SharedLookup> waiters;
        lock (_gate)
        {
            _inFlight.Remove(call);
            call.Dispose();
            Forget(call);
            waiters = call.TakeWaiters();
            if (_next is not null)
            {
                Launch(ref leaving);
            }

            RemoveIfIdle();
        }

        call.Publish(answer, waiters);
        Start(leaving);
    }

    /// <summary>
    /// A request stopped waiting (it was cancelled). A call nobody waits for any more is dropped while
    /// queued and cancelled while in flight; a call others still wait for goes on for them.
    /// </summary>
    internal void Leave(SharedLookup lookup)
    {
        lock (_gate)
        {
            foreach (var call in lookup.Calls)
            {
                if (!call.RemoveWaiter(lookup) || call.HasWaiters)
                {
                    continue;
                }

                Forget(call);
                if (call == _next)
                {
                    _next = null;
                    call.Dispose();
                }
                else if (_inFlight.Contains(call))
                {
                    call.Cancel();
                }
            }

            RemoveIfIdle();
        }
    }

    private void Launch(ref List<SharedCall>? leaving)
    {
        var call = _next!;
        _next = null;
        _inFlight.Add(call);
        (leaving ??= []).Add(call);
    }

    private static void Start(List<SharedCall>? leaving)
    {
        foreach (var call in leaving ?? [])
        {
            call.Start();
        }
    }

    /// <summary>Keys of a call that has answered or been given up are no longer joined to it.</summary>
    private void Forget(SharedCall call)
    {
        foreach (var key in call.Keys)
        {
            if (_carrying.TryGetValue(key, out var carrying) && carrying == call)
            {
                _carrying.Remove(key);
            }
        }
    }

    private void RemoveIfIdle()
    {
        if (_inFlight.Count == 0 && _next is null)
        {
            _removed = true;
            _batches.Remove(this);
        }
    }
}
