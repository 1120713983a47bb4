namespace CrmFederation.Gateway.Configuration;

/// <summary>Holds the current <see cref="GatewaySnapshot"/> behind a single reference that a reload swaps atomically.</summary>
public sealed class GatewaySnapshotHolder(GatewaySnapshot initial)
{
    private GatewaySnapshot _current = initial;

    public GatewaySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="next"/> and returns the snapshot it replaced.</summary>
    public GatewaySnapshot Swap(GatewaySnapshot next) => Interlocked.Exchange(ref _current, next);
}
