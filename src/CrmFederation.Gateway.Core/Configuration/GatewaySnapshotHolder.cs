using Microsoft.Extensions.Primitives;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Holds the current <see cref="GatewaySnapshot"/> behind a single reference that a reload swaps atomically,
/// and signals the swap through a change token, for what is built once per snapshot (authentication options).
/// Requests that call sources lease the snapshot they take, so that the state only an older snapshot
/// uses is released once no request holds that snapshot any more.
/// </summary>
public sealed class GatewaySnapshotHolder(GatewaySnapshot initial) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GatewaySnapshot, int> _leases = new(ReferenceEqualityComparer.Instance);
    private GatewaySnapshot _current = initial;
    private CancellationTokenSource _swapped = new();

    public GatewaySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Fires when the current snapshot is replaced.</summary>
    public IChangeToken ChangeToken => new CancellationChangeToken(Volatile.Read(ref _swapped).Token);

    /// <summary>The current snapshot, held until the lease is disposed.</summary>
    public SnapshotLease Lease()
    {
        lock (_gate)
        {
            _leases[_current] = _leases.GetValueOrDefault(_current) + 1;
            return new SnapshotLease(this, _current);
        }
    }

    /// <summary>True while <paramref name="snapshot"/> is current or leased by a request.</summary>
    public bool InUse(GatewaySnapshot snapshot)
    {
        lock (_gate)
        {
            return ReferenceEquals(snapshot, _current) || _leases.ContainsKey(snapshot);
        }
    }

    /// <summary>Publishes <paramref name="next"/>, then signals the change, and returns the snapshot it replaced.</summary>
    public GatewaySnapshot Swap(GatewaySnapshot next)
    {
        GatewaySnapshot previous;
        lock (_gate)
        {
            // Under the lease lock: a request leases either the old snapshot (and is counted) or the new one.
            previous = Interlocked.Exchange(ref _current, next);
        }

        // Not disposed: a holder of the old token may still register a callback, which then runs at once.
        Interlocked.Exchange(ref _swapped, new CancellationTokenSource()).Cancel();
        return previous;
    }

    public void Dispose() => _swapped.Dispose();

    internal void Release(GatewaySnapshot snapshot)
    {
        lock (_gate)
        {
            var count = _leases[snapshot] - 1;
            if (count == 0)
            {
                _leases.Remove(snapshot);
            }
            else
            {
                _leases[snapshot] = count;
            }
        }
    }
}
