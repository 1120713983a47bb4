using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The parsed answers of one shared call. Results of every request that waited for it point into them,
/// so they live until the last of those requests has written its response: each holds them once, and
/// the last hold released disposes them.
/// </summary>
public sealed class SharedDocuments : IDocumentOwner
{
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _documents = [];

    // The call's own hold, released once it has handed the answer to its waiters.
    private int _holds = 1;
    private int _calls;

    /// <summary>The upstream calls (pages) made, counted for each request that waited.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void Own(IDisposable document)
    {
        lock (_gate)
        {
            _documents.Add(document);
        }
    }

    public void CallStarted() => Interlocked.Increment(ref _calls);

    /// <summary>A hold for one request, released when that request's scope is disposed.</summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new DocumentsHold(this);
    }

    public void Release()
    {
        lock (_gate)
        {
            if (--_holds > 0)
            {
                return;
            }
        }

        foreach (var document in _documents)
        {
            document.Dispose();
        }

        _documents.Clear();
    }

    private sealed class DocumentsHold(SharedDocuments documents) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                documents.Release();
            }
        }
    }
}
