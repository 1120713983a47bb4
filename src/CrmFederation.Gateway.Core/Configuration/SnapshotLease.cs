namespace CrmFederation.Gateway.Configuration;

/// <summary>A request's hold on the snapshot it executes with; see <see cref="GatewaySnapshotHolder.Lease"/>.</summary>
public sealed class SnapshotLease(GatewaySnapshotHolder holder, GatewaySnapshot snapshot) : IDisposable
{
    private int _released;

    public GatewaySnapshot Snapshot { get; } = snapshot;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            holder.Release(Snapshot);
        }
    }
}
