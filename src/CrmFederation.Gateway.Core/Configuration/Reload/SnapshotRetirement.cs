namespace CrmFederation.Gateway.Configuration.Reload;

/// <summary>
/// When the sources' state only a replaced snapshot used is released: once no request holds that snapshot
/// (checked every <see cref="Poll"/>) and at least <see cref="Grace"/> after the swap, for readers that take the
/// current snapshot without a lease (the status page); and at the latest after <see cref="MaxDrain"/>, longer
/// than any request can run.
/// </summary>
public sealed record SnapshotRetirement(TimeSpan Grace, TimeSpan Poll, TimeSpan MaxDrain)
{
    public static SnapshotRetirement Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(15));
}
