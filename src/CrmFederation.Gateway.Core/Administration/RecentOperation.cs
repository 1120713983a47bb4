namespace CrmFederation.Gateway.Administration;

/// <summary>
/// One operation document the gateway served, updated in place on every request that sends it again:
/// no allocation and no lock on the request path.
/// </summary>
public sealed class RecentOperation(string document, string hash, string? operationName, DateTimeOffset lastSeen, long count)
{
    private string? _operationName = operationName;
    private long _lastSeenTicks = lastSeen.UtcTicks;
    private long _count = count;

    public string Document { get; } = document;

    /// <summary>As the traces and the audit log name the document (<c>graphql.document.hash</c>).</summary>
    public string Hash { get; } = hash;

    public string? OperationName => Volatile.Read(ref _operationName);

    public DateTimeOffset LastSeen => new(Volatile.Read(ref _lastSeenTicks), TimeSpan.Zero);

    public long Count => Interlocked.Read(ref _count);

    public void Seen(DateTimeOffset now, string? operationName)
    {
        Interlocked.Increment(ref _count);
        Volatile.Write(ref _lastSeenTicks, now.UtcTicks);
        if (operationName is not null && !string.Equals(operationName, _operationName, StringComparison.Ordinal))
        {
            Volatile.Write(ref _operationName, operationName);
        }
    }

    public RecentOperationRecord ToRecord() => new(Hash, Document, OperationName, LastSeen, Count);
}
