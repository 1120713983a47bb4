using Microsoft.Extensions.Primitives;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Holds the current <see cref="GatewaySnapshot"/> behind a single reference that a reload swaps atomically,
/// and signals the swap through a change token, for what is built once per snapshot (authentication options).
/// </summary>
public sealed class GatewaySnapshotHolder(GatewaySnapshot initial) : IDisposable
{
    private GatewaySnapshot _current = initial;
    private CancellationTokenSource _swapped = new();

    public GatewaySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Fires when the current snapshot is replaced.</summary>
    public IChangeToken ChangeToken => new CancellationChangeToken(Volatile.Read(ref _swapped).Token);

    /// <summary>Publishes <paramref name="next"/>, then signals the change, and returns the snapshot it replaced.</summary>
    public GatewaySnapshot Swap(GatewaySnapshot next)
    {
        var previous = Interlocked.Exchange(ref _current, next);
        // Not disposed: a holder of the old token may still register a callback, which then runs at once.
        Interlocked.Exchange(ref _swapped, new CancellationTokenSource()).Cancel();
        return previous;
    }

    public void Dispose() => _swapped.Dispose();
}
