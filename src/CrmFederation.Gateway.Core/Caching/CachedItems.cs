namespace CrmFederation.Gateway.Caching;

/// <summary>A key's items as cached: the JSON array the source's items were written into, and when they were fetched.</summary>
public sealed record CachedItems(ReadOnlyMemory<byte> ItemsJson, DateTimeOffset FetchedAt)
{
    private const int TimestampBytes = sizeof(long);

    public TimeSpan AgeAt(DateTimeOffset now) => now - FetchedAt;

    /// <summary>The stored form: the fetch time (Unix milliseconds) followed by the JSON array.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[TimestampBytes + ItemsJson.Length];
        BitConverter.TryWriteBytes(bytes, FetchedAt.ToUnixTimeMilliseconds());
        ItemsJson.Span.CopyTo(bytes.AsSpan(TimestampBytes));
        return bytes;
    }

    public static CachedItems? FromBytes(byte[]? bytes) =>
        bytes is null || bytes.Length < TimestampBytes + 2
            ? null
            : new CachedItems(bytes.AsMemory(TimestampBytes), DateTimeOffset.FromUnixTimeMilliseconds(BitConverter.ToInt64(bytes, 0)));
}
