using System.Buffers;
using Microsoft.Extensions.Caching.Hybrid;

namespace CrmFederation.Gateway.Caching;

/// <summary>HybridCache's L2 form of <see cref="CachedItems"/>: the fetch time, then the JSON array (<see cref="CachedItems.ToBytes"/>).</summary>
public sealed class CachedItemsSerializer : IHybridCacheSerializer<CachedItems>
{
    public CachedItems Deserialize(ReadOnlySequence<byte> source) =>
        CachedItems.FromBytes(source.ToArray()) ?? throw new InvalidDataException("A cached entry is too short to be one.");

    public void Serialize(CachedItems value, IBufferWriter<byte> target) => target.Write(value.ToBytes());
}
