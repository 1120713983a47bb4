using System.ComponentModel;
using System.Text.Json;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// A key's items as cached: the JSON array the source's items were written into, and when they were
/// fetched. Immutable, so HybridCache keeps one instance in memory and hands it to every request,
/// and the items are parsed once per entry rather than once per request.
/// </summary>
[ImmutableObject(true)]
public sealed record CachedItems(ReadOnlyMemory<byte> ItemsJson, DateTimeOffset FetchedAt)
{
    private const int TimestampBytes = sizeof(long);

    private JsonElement[]? _items;

    /// <summary>The items, backed by a document of their own (not pooled, never disposed), so they can be shared.</summary>
    public IReadOnlyList<JsonElement> Items => _items ??= [.. JsonSerializer.Deserialize<JsonElement>(ItemsJson.Span).EnumerateArray()];

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
