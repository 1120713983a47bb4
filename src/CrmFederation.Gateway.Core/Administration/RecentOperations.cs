using System.Collections.Concurrent;
using CrmFederation.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// The operation documents the gateway served recently (without their variables), with when each was last
/// sent and how often: what the breaking-change report checks a proposed schema against. A request costs one
/// dictionary lookup by document text; a new document is hashed once. Bounded: when full, a new document
/// waits for the next <see cref="Prune"/>, which forgets what is too old and then the least recently sent.
/// </summary>
public sealed class RecentOperations(TimeProvider clock, IOptions<AdministrationOptions> options)
{
    private readonly ConcurrentDictionary<string, RecentOperation> _byDocument = new(StringComparer.Ordinal);
    private readonly AdministrationOptions _options = options.Value;
    private int _count;

    public TimeSpan MaxAge => _options.RecentOperationsAge;

    public void Seen(string document, string? operationName)
    {
        var now = clock.GetUtcNow();
        if (_byDocument.TryGetValue(document, out var known))
        {
            known.Seen(now, operationName);
            return;
        }

        if (Volatile.Read(ref _count) < _options.RecentOperationsMax
            && _byDocument.TryAdd(document, new RecentOperation(document, TelemetryServiceCollectionExtensions.DocumentHash(document), operationName, now, 1)))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Those sent within <see cref="MaxAge"/>, most recent first.</summary>
    public IReadOnlyList<RecentOperationRecord> Recent()
    {
        var since = clock.GetUtcNow() - MaxAge;
        return [.. _byDocument.Values.Select(o => o.ToRecord()).Where(o => o.LastSeen >= since).OrderByDescending(o => o.LastSeen)];
    }

    /// <summary>Forgets operations older than <see cref="MaxAge"/>, then the least recent down to nine tenths of the bound, to leave room.</summary>
    public void Prune()
    {
        var since = clock.GetUtcNow() - MaxAge;
        var keep = _options.RecentOperationsMax * 9 / 10;
        var byAge = _byDocument.Values.OrderByDescending(o => o.LastSeen).ToList();
        foreach (var stale in byAge.Where((o, index) => o.LastSeen < since || index >= keep))
        {
            if (_byDocument.TryRemove(stale.Document, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>Takes back what a previous run remembered (on start-up, before any request).</summary>
    public void Restore(IEnumerable<RecentOperationRecord> records)
    {
        foreach (var record in records)
        {
            if (_byDocument.TryAdd(record.Document, new RecentOperation(record.Document, record.Hash, record.OperationName, record.LastSeen, record.Count)))
            {
                Interlocked.Increment(ref _count);
            }
        }

        Prune();
    }

    public IReadOnlyList<RecentOperationRecord> All() => [.. _byDocument.Values.Select(o => o.ToRecord())];
}
